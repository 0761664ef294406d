//! A bounded soak: atlas-panel-proxy under steady load from this process, while its upstream
//! (the fake Atlas, a child process) is, in turns, healthy, stopped, restarted, slow and
//! answering garbage. Prints a report in Markdown: requests sent and answered, how each phase
//! was answered, and the proxy's memory and open file descriptors.
//!
//! `scripts/soak [SECONDS per phase, default 15]`
//! (which builds the release proxy and fake upstream this runs as child processes).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const PROXY_TIMEOUT_SECS: u64 = 2;
const WORKERS: usize = 16;
const ROUNDS: usize = 2;
const LARGE: &str = "fa00000000000000000000b1";
const PUBLIC_KEY: &str = "fakepublic";
const PRIVATE_KEY: &str = "fake-private-key-0f1e2d3c";

type Tally = Arc<Mutex<BTreeMap<String, u64>>>;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

async fn wait_for(addr: SocketAddr) {
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    eprintln!("soak: nothing answers on {addr}");
    std::process::exit(1);
}

fn start_fake(port: u16) -> Child {
    Command::new("target/release/fake-upstream")
        .args(["--listen", &format!("127.0.0.1:{port}"), "--auth", "digest"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|error| panic!("target/release/fake-upstream: {error}"))
}

/// One request; its status line's code, or what went wrong instead.
async fn request(addr: SocketAddr, target: &str, timeout: Duration) -> String {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await?;
        let head = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    match tokio::time::timeout(timeout, exchange).await {
        Err(_) => "no answer (client timeout)".to_string(),
        Ok(Err(error)) => format!("connection error: {}", error.kind()),
        Ok(Ok(answer)) => {
            let text = String::from_utf8_lossy(&answer);
            let status = text.split_whitespace().nth(1).unwrap_or("?").to_string();
            let code = text
                .split("\"errorCode\":\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|code| format!(" {code}"))
                .unwrap_or_default();
            format!("{status}{code}")
        }
    }
}

async fn control_post(fake: u16, what: &str) {
    let exchange = async {
        let mut stream = TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], fake))).await?;
        let head = format!("POST /_control/{what} HTTP/1.1\r\nHost: soak\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).await?;
        let mut sink = Vec::new();
        stream.read_to_end(&mut sink).await
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), exchange).await;
}

fn proc_status(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|dir| dir.count())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let phase_secs: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15);
    let (fake_port, proxy_port) = (free_port(), free_port());
    let mut fake = start_fake(fake_port);
    wait_for(SocketAddr::from(([127, 0, 0, 1], fake_port))).await;
    let proxy = Command::new("target/release/atlas-panel-proxy")
        .args(["--listen", &format!("127.0.0.1:{proxy_port}")])
        .args(["--upstream", &format!("http://127.0.0.1:{fake_port}")])
        .args([
            "--timeout",
            &PROXY_TIMEOUT_SECS.to_string(),
            "--cache-ttl",
            "0",
            // One client asks for everything here: the per-user budget would answer most of it.
            "--user-upstream-per-minute",
            "0",
        ])
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("target/release/atlas-panel-proxy");
    let pid = proxy.id().unwrap_or(0);
    let proxy_addr = SocketAddr::from(([127, 0, 0, 1], proxy_port));
    wait_for(proxy_addr).await;
    // Warm up (Digest challenge, connection pool) before the baseline is read.
    for page in 1..=13 {
        request(
            proxy_addr,
            &format!("/api/public/v1.0/orgs/{LARGE}/teams?pageNum={page}"),
            Duration::from_secs(5),
        )
        .await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (rss_start, fds_start) = (proc_status(pid, "VmRSS:"), open_fds(pid));

    let running = Arc::new(AtomicBool::new(true));
    let current: Tally = Arc::new(Mutex::new(BTreeMap::new()));
    let sent = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut workers = Vec::new();
    for worker in 0..WORKERS {
        let (running, current, sent) = (running.clone(), current.clone(), sent.clone());
        workers.push(tokio::spawn(async move {
            let mut n = worker;
            while running.load(Ordering::Relaxed) {
                n += 1;
                let target = format!("/api/public/v1.0/orgs/{LARGE}/teams?pageNum={}", n % 13 + 1);
                sent.fetch_add(1, Ordering::Relaxed);
                let outcome = request(
                    proxy_addr,
                    &target,
                    Duration::from_secs(PROXY_TIMEOUT_SECS + 5),
                )
                .await;
                *current
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .entry(outcome)
                    .or_default() += 1;
            }
        }));
    }

    let mut peak_rss = rss_start;
    let mut report = Vec::new();
    let phases = [
        "upstream healthy",
        "upstream stopped",
        "upstream restarted",
        "upstream slow (5 s, over the 2 s timeout)",
        "upstream answers garbage",
    ];
    // Two rounds: if the second round ends no higher in memory than the first, what the
    // proxy keeps after load is the allocator's reserve, not a leak.
    let mut rss_after_round = Vec::new();
    for round in 1..=ROUNDS {
        for (index, phase) in phases.iter().enumerate() {
            match index {
                0 if round > 1 => control_post(fake_port, "garbage?on=false").await,
                1 => {
                    let _ = fake.kill().await;
                }
                2 => {
                    fake = start_fake(fake_port);
                    wait_for(SocketAddr::from(([127, 0, 0, 1], fake_port))).await;
                }
                3 => control_post(fake_port, "lag?ms=5000").await,
                4 => {
                    control_post(fake_port, "lag?ms=0").await;
                    control_post(fake_port, "garbage?on=true").await;
                }
                _ => {}
            }
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(phase_secs) {
                tokio::time::sleep(Duration::from_millis(500)).await;
                peak_rss = peak_rss.max(proc_status(pid, "VmRSS:"));
            }
            let tally = std::mem::take(&mut *current.lock().unwrap_or_else(|p| p.into_inner()));
            report.push((format!("round {round}: {phase}"), tally));
        }
        rss_after_round.push(proc_status(pid, "VmRSS:"));
    }
    running.store(false, Ordering::Relaxed);
    for worker in workers {
        let _ = worker.await;
    }
    let leftover = std::mem::take(&mut *current.lock().unwrap_or_else(|p| p.into_inner()));
    if !leftover.is_empty() {
        report.push((
            "(requests still in flight at the end of the last phase)".to_string(),
            leftover,
        ));
    }
    // The proxy closes idle upstream connections 10 s after their last use; give it 30.
    let stopped = Instant::now();
    while open_fds(pid) > fds_start + 2 && stopped.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let settled_after = stopped.elapsed().as_secs();
    let (rss_end, fds_end, hwm) = (
        proc_status(pid, "VmRSS:"),
        open_fds(pid),
        proc_status(pid, "VmHWM:"),
    );
    let alive = std::fs::metadata(format!("/proc/{pid}")).is_ok();

    let total_sent = sent.load(Ordering::Relaxed);
    let answered: u64 = report
        .iter()
        .flat_map(|(_, tally)| tally.iter())
        .filter(|(outcome, _)| outcome.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|(_, n)| n)
        .sum();
    println!("## Soak: {ROUNDS} rounds of {} phases of {phase_secs} s, {WORKERS} clients, proxy timeout {PROXY_TIMEOUT_SECS} s, cache off\n", phases.len());
    println!("| phase | answers |\n|---|---|");
    for (phase, tally) in &report {
        let answers: Vec<String> = tally
            .iter()
            .map(|(outcome, n)| format!("{n} × {outcome}"))
            .collect();
        println!("| {phase} | {} |", answers.join(", "));
    }
    println!("\n- requests sent: {total_sent}; answered with an HTTP status: {answered}; not answered: {}", total_sent - answered);
    println!(
        "- proxy still running at the end: {}",
        if alive { "yes" } else { "NO" }
    );
    println!("- proxy memory (RSS): {rss_start} kB at start, peak {peak_rss} kB (VmHWM {hwm} kB), {rss_end} kB after the load stopped");
    println!(
        "- proxy memory at the end of each round: {} kB",
        rss_after_round
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" kB, ")
    );
    println!(
        "- proxy open file descriptors: {fds_start} at start, {fds_end} {settled_after} s after the load stopped"
    );
    let steady = rss_after_round
        .windows(2)
        .all(|pair| pair[1] <= pair[0] + pair[0] / 10);
    let ok = alive && answered == total_sent && fds_end <= fds_start + 2 && steady;
    println!(
        "- verdict: {}",
        if ok {
            "every request answered, descriptors back to their start level"
        } else {
            "FAILED"
        }
    );
    drop(proxy);
    std::process::exit(if ok { 0 } else { 1 });
}
