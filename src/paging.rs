//! Paging arithmetic: which page is asked for, where it sits in the whole, and how to say so.

use crate::i18n::Lang;

pub use atlas_panel_common::paging::{PageRequest, DEFAULT_ITEMS_PER_PAGE, MAX_ITEMS_PER_PAGE};

/// The choices of the "Rows per page" select.
pub const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 500];

/// The number of the last page, when the total is known. An empty list has one (empty) page.
pub fn last_page(total: u64, items_per_page: u32) -> u32 {
    let pages = total.div_ceil(u64::from(items_per_page.max(1))).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// Where the pager may lead from the page shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagerState {
    pub request: PageRequest,
    pub last_page: Option<u32>,
    pub has_next: bool,
}

impl PagerState {
    /// `total` is `totalCount` when known; `has_next` whether the answer linked a `next` page.
    pub fn new(
        request: PageRequest,
        total: Option<u64>,
        has_next: bool,
        rows_shown: usize,
    ) -> PagerState {
        let last_page = total.map(|total| last_page(total, request.items_per_page));
        let has_next = match last_page {
            Some(last) => request.page_num < last,
            // Without a count, a `next` link or a full page means there may be more.
            None => has_next || rows_shown as u64 >= u64::from(request.items_per_page),
        };
        PagerState {
            request,
            last_page,
            has_next,
        }
    }

    pub fn has_previous(&self) -> bool {
        self.request.page_num > 1
    }

    pub fn previous(&self) -> PageRequest {
        self.request
            .with_page(self.request.page_num.saturating_sub(1))
    }

    pub fn next(&self) -> PageRequest {
        self.request
            .with_page(self.request.page_num.saturating_add(1))
    }

    pub fn first(&self) -> PageRequest {
        self.request.with_page(1)
    }

    pub fn last(&self) -> Option<PageRequest> {
        self.last_page.map(|last| self.request.with_page(last))
    }
}

/// "101–200 of 1,234"; "101–200" when the total is not known; "0 of 0" for nothing.
pub fn range_text(
    lang: Lang,
    request: PageRequest,
    rows_shown: usize,
    total: Option<u64>,
) -> String {
    let first = request.first_item();
    let last = first + rows_shown as u64 - 1;
    let (first, last) = (group_thousands(first), group_thousands(last));
    let total = total.map(group_thousands);
    match (lang, rows_shown, total) {
        (Lang::En, 0, Some(total)) => format!("0 of {total}"),
        (Lang::En, 0, None) => "0".to_string(),
        (Lang::En, _, Some(total)) => format!("{first}–{last} of {total}"),
        (Lang::En, _, None) => format!("{first}–{last}"),
        (Lang::ZhCn, 0, Some(total)) => format!("0 项，共 {total} 项"),
        (Lang::ZhCn, 0, None) => "0 项".to_string(),
        (Lang::ZhCn, _, Some(total)) => format!("第 {first}–{last} 项，共 {total} 项"),
        (Lang::ZhCn, _, None) => format!("第 {first}–{last} 项"),
    }
}

/// "Page 2 of 13", or "Page 2" when the total is not known.
pub fn page_text(lang: Lang, state: &PagerState) -> String {
    let page = group_thousands(u64::from(state.request.page_num));
    let last = state.last_page.map(|last| group_thousands(u64::from(last)));
    match (lang, last) {
        (Lang::En, Some(last)) => format!("Page {page} of {last}"),
        (Lang::En, None) => format!("Page {page}"),
        (Lang::ZhCn, Some(last)) => format!("第 {page} 页，共 {last} 页"),
        (Lang::ZhCn, None) => format!("第 {page} 页"),
    }
}

/// 1234567 → "1,234,567": English and Chinese both group by thousands with commas.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(page_num: u32, items_per_page: u32) -> PageRequest {
        PageRequest {
            page_num,
            items_per_page,
        }
    }

    #[test]
    fn reads_the_query_with_defaults_for_the_impossible() {
        assert_eq!(PageRequest::from_query(None, None), request(1, 100));
        assert_eq!(
            PageRequest::from_query(Some("3"), Some("25")),
            request(3, 25)
        );
        assert_eq!(
            PageRequest::from_query(Some("0"), Some("0")),
            request(1, 100)
        );
        assert_eq!(
            PageRequest::from_query(Some("-2"), Some("501")),
            request(1, 100)
        );
        assert_eq!(
            PageRequest::from_query(Some("x"), Some("500")),
            request(1, 500)
        );
        assert_eq!(
            PageRequest::from_query(Some("99999999999"), Some("1")),
            request(1, 1)
        );
    }

    #[test]
    fn writes_the_api_names_into_the_query() {
        assert_eq!(request(2, 50).query(), "pageNum=2&itemsPerPage=50");
    }

    #[test]
    fn counts_pages() {
        assert_eq!(last_page(0, 100), 1);
        assert_eq!(last_page(1, 100), 1);
        assert_eq!(last_page(100, 100), 1);
        assert_eq!(last_page(101, 100), 2);
        assert_eq!(last_page(1234, 100), 13);
        assert_eq!(last_page(1234, 500), 3);
        assert_eq!(last_page(u64::MAX, 1), u32::MAX);
    }

    #[test]
    fn says_the_range() {
        assert_eq!(
            range_text(Lang::En, request(2, 100), 100, Some(1234)),
            "101–200 of 1,234"
        );
        assert_eq!(
            range_text(Lang::En, request(13, 100), 34, Some(1234)),
            "1,201–1,234 of 1,234"
        );
        assert_eq!(range_text(Lang::En, request(2, 100), 100, None), "101–200");
        assert_eq!(range_text(Lang::En, request(1, 100), 0, Some(0)), "0 of 0");
        assert_eq!(range_text(Lang::En, request(1, 100), 0, None), "0");
        assert_eq!(
            range_text(Lang::ZhCn, request(2, 100), 100, Some(1234)),
            "第 101–200 项，共 1,234 项"
        );
    }

    #[test]
    fn leads_only_where_there_is_a_page() {
        let first = PagerState::new(request(1, 100), Some(1234), false, 100);
        assert!(!first.has_previous());
        assert!(first.has_next);
        assert_eq!(first.last(), Some(request(13, 100)));
        let last = PagerState::new(request(13, 100), Some(1234), true, 34);
        assert!(last.has_previous());
        assert!(!last.has_next, "the count wins over a stray next link");
        assert_eq!(last.previous(), request(12, 100));
        let only = PagerState::new(request(1, 100), Some(5), false, 5);
        assert!(!only.has_previous() && !only.has_next);
    }

    #[test]
    fn pages_forward_by_the_next_link_without_a_count() {
        let linked = PagerState::new(request(1, 10), None, true, 10);
        assert!(linked.has_next);
        assert_eq!(linked.last(), None);
        assert_eq!(linked.next(), request(2, 10));
        let full = PagerState::new(request(1, 10), None, false, 10);
        assert!(full.has_next);
        let short = PagerState::new(request(3, 10), None, false, 4);
        assert!(!short.has_next);
    }

    #[test]
    fn a_new_page_size_starts_again_from_page_one() {
        assert_eq!(request(7, 100).with_items_per_page(500), request(1, 500));
    }

    #[test]
    fn names_the_page() {
        assert_eq!(
            page_text(
                Lang::En,
                &PagerState::new(request(2, 100), Some(1234), false, 100)
            ),
            "Page 2 of 13"
        );
        assert_eq!(
            page_text(
                Lang::En,
                &PagerState::new(request(2, 100), None, false, 100)
            ),
            "Page 2"
        );
        assert_eq!(
            page_text(
                Lang::ZhCn,
                &PagerState::new(request(2, 100), Some(1234), false, 100)
            ),
            "第 2 页，共 13 页"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// For any total and page size, the pages cover every item once, and the pager leads
        /// only to pages that exist.
        #[test]
        fn pages_cover_the_total(total in 0u64..100_000, items_per_page in 1u32..=500) {
            let last = last_page(total, items_per_page);
            prop_assert!(u64::from(last) * u64::from(items_per_page) >= total);
            prop_assert!(last == 1 || u64::from(last - 1) * u64::from(items_per_page) < total);
            let on_last = PageRequest { page_num: last, items_per_page };
            let rows_on_last = (total - (u64::from(last) - 1) * u64::from(items_per_page)) as usize;
            let state = PagerState::new(on_last, Some(total), false, rows_on_last);
            prop_assert!(!state.has_next);
            prop_assert_eq!(state.last(), Some(on_last));
            prop_assert_eq!(state.has_previous(), last > 1);
            let first = PagerState::new(PageRequest { page_num: 1, items_per_page }, Some(total), true, 0);
            prop_assert_eq!(first.has_next, last > 1);
        }

        #[test]
        fn the_range_text_names_the_rows_shown(page_num in 1u32..1000, items_per_page in 1u32..=500, total in 1u64..1_000_000) {
            let request = PageRequest { page_num, items_per_page };
            let first = request.first_item();
            prop_assume!(first <= total);
            let rows = (total - first + 1).min(u64::from(items_per_page)) as usize;
            let text = range_text(Lang::En, request, rows, Some(total));
            let expected = format!("{}–{} of {}", group_thousands(first), group_thousands(first + rows as u64 - 1), group_thousands(total));
            prop_assert_eq!(text, expected);
        }

        #[test]
        fn any_query_reads_as_a_valid_request(page in ".{0,12}", size in ".{0,12}") {
            let request = PageRequest::from_query(Some(&page), Some(&size));
            prop_assert!(request.page_num >= 1);
            prop_assert!((1..=MAX_ITEMS_PER_PAGE).contains(&request.items_per_page));
        }

        #[test]
        fn thousands_group_back_to_the_number(n in any::<u64>()) {
            prop_assert_eq!(group_thousands(n).replace(',', "").parse::<u64>().unwrap(), n);
        }
    }
}
