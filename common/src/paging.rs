//! Which page of a list is asked for: the API's `pageNum` and `itemsPerPage`, read from a
//! page's address by the panel, and by the proxy when it names a deep link's first requests.

pub const DEFAULT_ITEMS_PER_PAGE: u32 = 100;
pub const MAX_ITEMS_PER_PAGE: u32 = 500;

/// `pageNum` (from 1) and `itemsPerPage` (1..=500), the API's own names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub page_num: u32,
    pub items_per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page_num: 1,
            items_per_page: DEFAULT_ITEMS_PER_PAGE,
        }
    }
}

impl PageRequest {
    /// Reads the URL's query values; a missing or impossible value takes its default.
    pub fn from_query(page_num: Option<&str>, items_per_page: Option<&str>) -> PageRequest {
        let page_num = page_num
            .and_then(|v| v.parse().ok())
            .filter(|&n| n >= 1)
            .unwrap_or(1);
        let items_per_page = items_per_page
            .and_then(|v| v.parse().ok())
            .filter(|n| (1..=MAX_ITEMS_PER_PAGE).contains(n))
            .unwrap_or(DEFAULT_ITEMS_PER_PAGE);
        PageRequest {
            page_num,
            items_per_page,
        }
    }

    /// The largest page: all of a list that is rarely longer, in one request.
    pub fn largest() -> PageRequest {
        PageRequest {
            page_num: 1,
            items_per_page: MAX_ITEMS_PER_PAGE,
        }
    }

    pub fn query(&self) -> String {
        format!(
            "pageNum={}&itemsPerPage={}",
            self.page_num, self.items_per_page
        )
    }

    /// The same page size from page 1: a new size makes the old position meaningless.
    pub fn with_items_per_page(self, items_per_page: u32) -> PageRequest {
        PageRequest {
            page_num: 1,
            items_per_page,
        }
    }

    pub fn with_page(self, page_num: u32) -> PageRequest {
        PageRequest {
            page_num: page_num.max(1),
            ..self
        }
    }

    /// Index (from 1) of the first item this page would hold.
    pub fn first_item(&self) -> u64 {
        u64::from(self.page_num - 1) * u64::from(self.items_per_page) + 1
    }
}
