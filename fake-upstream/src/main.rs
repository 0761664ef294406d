//! `fake-upstream --listen 127.0.0.1:9090 --auth digest|oauth`: the fake Atlas, standalone,
//! for the end-to-end suite. Prints `listening on http://ADDR` once ready.

use fake_upstream::AuthMode;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let listen = value("--listen").unwrap_or_else(|| "127.0.0.1:0".to_string());
    let auth = match value("--auth").as_deref() {
        Some("oauth") => AuthMode::OAuth,
        Some("digest") | None => AuthMode::Digest,
        Some(other) => {
            eprintln!("fake-upstream: --auth takes digest or oauth, not {other}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("fake-upstream: cannot listen on {listen}: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let fake = fake_upstream::FakeAtlas::start_on(listener, auth);
    println!("listening on {}", fake.base_url());
    let _ = tokio::signal::ctrl_c().await;
    std::process::ExitCode::SUCCESS
}
