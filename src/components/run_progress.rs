//! An organization-wide run's progress: the `<progress>` "Projects read" with its words, Stop
//! and Resume, Atlas's pause counted down, and each change of phase announced once. What
//! changes as answers arrive is set by one effect, straight into the DOM: the Stop button
//! stays the same element, so focus stays on it.

use leptos::prelude::*;

use crate::browser::dom::{set_attribute, set_text};
use crate::components::error_banner::ApiErrorBanner;
use crate::coverage::reader::{CoverageReader, Listing};
use crate::coverage::report::progress_text;
use crate::coverage::run::Phase;
use crate::i18n::{lang, Lang};
use crate::paging::group_thousands;

/// Listing the organization's projects, before the run: how many so far, or why it failed,
/// with Try again.
#[component]
pub fn ProjectListing(reader: CoverageReader) -> impl IntoView {
    let lang = lang();
    view! {
        <p class="loading" role="status">
            {move || match (reader.listing.get(), lang) {
                (Listing::Listing(0), _) => lang.pick("Listing the organization's projects…", "正在列出组织的项目…").to_string(),
                (Listing::Listing(n), Lang::En) => format!("Listing the organization's projects… {} so far", group_thousands(n as u64)),
                (Listing::Listing(n), Lang::ZhCn) => format!("正在列出组织的项目…已列出 {} 个", group_thousands(n as u64)),
                _ => String::new(),
            }}
        </p>
        {move || match reader.listing.get() {
            Listing::Failed(error) => Some(view! { <ApiErrorBanner error on_retry=reader.retry_listing/> }),
            _ => None,
        }}
    }
}

/// `before_projects`: the run's rows before its projects (the organization's own feed), not
/// counted as projects read.
#[component]
pub fn RunProgress(reader: CoverageReader, before_projects: usize) -> impl IntoView {
    let lang = lang();
    let run = reader.run;
    // Said once per change of phase, not once per second of a countdown.
    Effect::new(move |last_news: Option<Option<&'static str>>| {
        reader.clock.track();
        let now = js_sys::Date::now();
        run.with_untracked(|run| {
            let run = run.as_ref()?;
            let phase = run.phase(now);
            let projects = &run.rows()[before_projects.min(run.total())..];
            let answered = projects
                .iter()
                .filter(|row| row.state.answered())
                .count();
            let total = projects.len();
            let progress = progress_text(answered, total, lang);
            set_attribute("coverage-progress", "max", Some(&total.max(1).to_string()));
            set_attribute("coverage-progress", "value", Some(&answered.to_string()));
            set_text("coverage-progress", &progress);
            set_text("coverage-progress-text", &progress);
            let finished = phase == Phase::Finished;
            set_attribute("coverage-stop", "hidden", finished.then_some(""));
            set_text(
                "coverage-stop",
                match phase {
                    Phase::Stopped => lang.pick("Resume", "继续"),
                    _ => lang.pick("Stop", "停止"),
                },
            );
            let countdown = match (phase, lang) {
                (Phase::Paused { seconds_left }, Lang::En) => format!(
                    "Atlas asked for a pause (429 Too Many Requests): going on by itself in {seconds_left} s."
                ),
                (Phase::Paused { seconds_left }, Lang::ZhCn) => {
                    format!("Atlas 要求暂停（429 Too Many Requests）：{seconds_left} 秒后自动继续。")
                }
                _ => String::new(),
            };
            set_text("coverage-countdown", &countdown);
            let news = match phase {
                Phase::Reading => "",
                Phase::Paused { .. } => lang.pick(
                    "Atlas asked for a pause; the reading goes on by itself.",
                    "Atlas 要求暂停；读取将自动继续。",
                ),
                Phase::Stopped => lang.pick("Stopped.", "已停止。"),
                Phase::Finished => lang.pick("Every project was answered.", "所有项目均已应答。"),
            };
            if last_news.flatten() != Some(news) {
                set_text("coverage-news", news);
            }
            Some(news)
        })
    });
    let stop_or_resume = move |_| {
        let now = js_sys::Date::now();
        let stopped = run.with_untracked(|run| {
            run.as_ref()
                .is_some_and(|run| run.phase(now) == Phase::Stopped)
        });
        if stopped {
            reader.resume.run(());
        } else {
            reader.stop.run(());
        }
    };
    view! {
        <div class="coverage-progress">
            <label for="coverage-progress">{lang.pick("Projects read", "已读取的项目")}</label>
            <progress id="coverage-progress" aria-describedby="coverage-progress-text"></progress>
            <span id="coverage-progress-text" class="progress-text"></span>
            <button type="button" id="coverage-stop" class="button button-secondary" on:click=stop_or_resume>{lang.pick("Stop", "停止")}</button>
        </div>
        <p id="coverage-countdown" class="countdown" role="timer"></p>
        <p id="coverage-news" class="visually-hidden" aria-live="polite"></p>
    }
}
