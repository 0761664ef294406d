//! What a scripted or careless client cannot do to the proxy: hold every connection, dribble
//! its headers forever, or send more than a request needs.

mod common;

use std::time::{Duration, Instant};

use common::{raw, spawn_binary};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection, or `within` passes; whether it closed.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

/// Sends `request` (ignoring a write the server cut short) and reads what comes back until the
/// server closes; the answer's status line, or "" when the server closed without one.
async fn status_line_for(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn connections_beyond_the_cap_are_closed() {
    let (_proxy, addr) = spawn_binary(&["--demo", "--max-connections", "2"], &[]).await;
    // spawn_binary's own probe connection has come and gone; give the proxy a moment to see it.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let first = TcpStream::connect(addr).await.unwrap();
    let second = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(addr).await.unwrap();
    let _ = third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    assert!(
        closed_within(&mut third, Duration::from_secs(2)).await,
        "a third connection was served"
    );
    drop(first);
    drop(second);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        raw(addr, "GET", "/healthz", &[]).await.status,
        200,
        "room again once connections close"
    );
}

#[tokio::test]
async fn a_client_that_dribbles_its_headers_is_cut_off() {
    let (_proxy, addr) = spawn_binary(&["--demo", "--header-read-timeout", "1"], &[]).await;
    // Timed from before the connection: the proxy's clock starts when it accepts, and a
    // loaded machine may run this task again only well after.
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    assert!(
        closed_within(&mut slow, Duration::from_secs(4)).await,
        "the slow client kept its connection"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(raw(addr, "GET", "/healthz", &[]).await.status, 200);
}

/// HTTP/2's connection preface, as a client with prior knowledge sends it first.
const HTTP2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

#[tokio::test]
async fn silent_connections_beyond_the_cap_are_closed_once_the_header_timeout_passes() {
    let (_proxy, addr) = spawn_binary(
        &[
            "--demo",
            "--max-connections",
            "8",
            "--header-read-timeout",
            "1",
        ],
        &[],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Twelve sockets for eight places: half say nothing at all, half only HTTP/2's preface.
    let mut silent = Vec::new();
    for n in 0..12 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        if n % 2 == 1 {
            stream.write_all(HTTP2_PREFACE).await.unwrap();
        }
        silent.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    for (n, stream) in silent.iter_mut().enumerate() {
        assert!(
            closed_within(stream, Duration::from_secs(6)).await,
            "silent connection {n} was kept open"
        );
    }
    let waited = started.elapsed();
    println!("12 silent connections (6 with HTTP/2's preface) for 8 places, header timeout 1 s: all closed {:.1} s after they were opened", waited.as_secs_f64() + 0.2);
    assert!(waited < Duration::from_secs(6), "{waited:?}");
    assert_eq!(
        raw(addr, "GET", "/healthz", &[]).await.status,
        200,
        "room again once the silent connections are closed"
    );
}

/// One HTTP/2 frame: its type, flags, stream and payload.
fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let length = payload.len() as u32;
    let mut bytes = vec![
        (length >> 16) as u8,
        (length >> 8) as u8,
        length as u8,
        kind,
        flags,
    ];
    bytes.extend_from_slice(&stream.to_be_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// Reads one frame: `(type, flags, payload)`, or `None` once the server has closed.
async fn read_frame(stream: &mut TcpStream) -> Option<(u8, u8, Vec<u8>)> {
    let mut head = [0u8; 9];
    stream.read_exact(&mut head).await.ok()?;
    let length = (usize::from(head[0]) << 16) | (usize::from(head[1]) << 8) | usize::from(head[2]);
    let mut payload = vec![0u8; length];
    stream.read_exact(&mut payload).await.ok()?;
    Some((head[3], head[4], payload))
}

#[tokio::test]
async fn an_http2_client_that_answers_pings_but_asks_nothing_more_is_closed_once_idle() {
    let (_proxy, addr) = spawn_binary(
        &[
            "--demo",
            "--header-read-timeout",
            "1",
            "--idle-timeout",
            "2",
        ],
        &[],
    )
    .await;
    let mut h2 = TcpStream::connect(addr).await.unwrap();
    h2.write_all(HTTP2_PREFACE).await.unwrap();
    h2.write_all(&frame(0x4, 0, 0, &[])).await.unwrap();
    // GET /healthz, headers by HPACK's static table and one literal path: END_STREAM | END_HEADERS.
    let mut block = vec![0x82, 0x86, 0x44, 8];
    block.extend_from_slice(b"/healthz");
    let authority = addr.to_string();
    block.extend_from_slice(&[0x41, authority.len() as u8]);
    block.extend_from_slice(authority.as_bytes());
    h2.write_all(&frame(0x1, 0x5, 1, &block)).await.unwrap();
    let mut answered = None;
    let mut pings = 0;
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some((kind, flags, payload)) = read_frame(&mut h2).await {
            match (kind, flags & 0x1) {
                // A live client: every SETTINGS acknowledged, every PING answered.
                (0x4, 0) => h2.write_all(&frame(0x4, 0x1, 0, &[])).await.unwrap(),
                (0x6, 0) => {
                    pings += 1;
                    let _ = h2.write_all(&frame(0x6, 0x1, 0, &payload)).await;
                }
                (0x1, _) if answered.is_none() => answered = Some(Instant::now()),
                _ => {}
            }
        }
    })
    .await;
    let answered = answered.expect("the request was answered");
    assert!(
        closed.is_ok(),
        "the idle HTTP/2 connection was kept open for 10 s ({pings} pings answered)"
    );
    let idle = answered.elapsed();
    assert!(idle >= Duration::from_millis(1800), "closed after {idle:?}");
    println!("an HTTP/2 connection answering pings, idle after one request: closed {:.1} s after its answer", idle.as_secs_f64());
}

#[tokio::test]
async fn oversized_headers_and_bodies_are_refused() {
    let (_proxy, addr) = spawn_binary(&["--demo"], &[]).await;
    // hyper reads at most about 400 KiB of head, then answers 431 and closes.
    let huge = "x".repeat(1024 * 1024);
    let head = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Huge: {huge}\r\n\r\n");
    assert_eq!(
        status_line_for(addr, head.as_bytes()).await,
        "HTTP/1.1 431 Request Header Fields Too Large",
        "a 1 MiB header"
    );

    let path = "/api/public/v1.0/orgs/6500000000000000000000b2/teams";
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    request.extend_from_slice(&[b'a'; 64 * 1024]);
    assert_eq!(
        status_line_for(addr, &request).await,
        "HTTP/1.1 413 Payload Too Large",
        "a 10 MB body"
    );
    assert_eq!(
        raw(addr, "GET", "/healthz", &[]).await.status,
        200,
        "still serving"
    );
}
