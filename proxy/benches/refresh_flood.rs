//! What a flood of Refreshes does to everyone else: 20,000 `Cache-Control: no-cache`
//! requests, each for a list page not asked before, from one client, while another client
//! reads an answer that is cached. Prints the cached answer's latency before and during the
//! flood, with the person's budget on (the default) and off. Passes or fails nothing.
//!
//!     cargo bench -p atlas-panel-proxy --bench refresh_flood

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use fake_upstream::{ids, AuthMode, FakeAtlas, PRIVATE_KEY, PUBLIC_KEY};

const FLOOD: usize = 20_000;
const FLOODERS: usize = 32;
const READS: usize = 400;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let fake = FakeAtlas::start(AuthMode::Digest).await;
    for budget in ["600", "0"] {
        let (mut proxy, addr) = start_proxy(&fake.base_url(), budget).await;
        let client = reqwest::Client::new();
        let cached = format!("http://{addr}/api/atlas/v2/orgs/{}/teams", ids::LARGE);
        let _ = client.get(&cached).send().await;
        let quiet = read_cached(&client, &cached).await;
        let flood = {
            let client = client.clone();
            tokio::spawn(async move { flood(&client, addr).await })
        };
        let during = read_cached(&client, &cached).await;
        let (took, refused) = flood.await.unwrap_or_default();
        println!(
            "budget {budget:>3}/min: cached answer p50 {} p99 {} max {} alone; during the flood p50 {} p99 {} max {}; \
             flood of {FLOOD} took {:.2} s, {refused} refused by the budget",
            ms(&quiet, 0.5), ms(&quiet, 0.99), ms(&quiet, 1.0),
            ms(&during, 0.5), ms(&during, 0.99), ms(&during, 1.0),
            took.as_secs_f64(),
        );
        let _ = proxy.kill().await;
    }
}

async fn start_proxy(upstream: &str, budget: &str) -> (tokio::process::Child, SocketAddr) {
    let addr: SocketAddr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port");
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_atlas-panel-proxy"))
        .args(["--listen", &addr.to_string(), "--upstream", upstream])
        .args(["--user-upstream-per-minute", budget])
        .env_clear()
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY)
        .env("RUST_LOG", "error")
        .kill_on_drop(true)
        .spawn()
        .expect("the proxy starts");
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    (child, addr)
}

/// Reads the cached answer `READS` times, one after another: each latency, sorted.
async fn read_cached(client: &reqwest::Client, url: &str) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(READS);
    for _ in 0..READS {
        let started = Instant::now();
        if let Ok(answer) = client.get(url).send().await {
            let _ = answer.bytes().await;
        }
        latencies.push(started.elapsed());
    }
    latencies.sort();
    latencies
}

/// `FLOOD` Refreshes of pages never asked before, `FLOODERS` at a time: how long they took and
/// how many the budget refused.
async fn flood(client: &reqwest::Client, addr: SocketAddr) -> (Duration, usize) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for flooder in 0..FLOODERS {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut refused = 0;
            for n in (flooder..FLOOD).step_by(FLOODERS) {
                let url = format!(
                    "http://{addr}/api/atlas/v2/orgs/{}/teams?pageNum={}",
                    ids::LARGE,
                    n + 2
                );
                let answer = client
                    .get(&url)
                    .header("cache-control", "no-cache")
                    .send()
                    .await;
                if answer.is_ok_and(|answer| answer.status() == 429) {
                    refused += 1;
                }
            }
            refused
        }));
    }
    let mut refused = 0;
    for task in tasks {
        refused += task.await.unwrap_or(0);
    }
    (started.elapsed(), refused)
}

fn ms(sorted: &[Duration], quantile: f64) -> String {
    let index = ((sorted.len() as f64 - 1.0) * quantile).round() as usize;
    sorted
        .get(index)
        .map(|d| format!("{:.2} ms", d.as_secs_f64() * 1000.0))
        .unwrap_or_default()
}
