//! Starts the real proxy in this process in front of the fake Atlas, and speaks raw HTTP to
//! it where a client library would tidy the request up.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;

use atlas_panel_proxy::cli::Options;
use clap::Parser;
use fake_upstream::{AuthMode, FakeAtlas, CLIENT_ID, CLIENT_SECRET, PRIVATE_KEY, PUBLIC_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub struct Running {
    pub addr: SocketAddr,
    pub fake: Option<FakeAtlas>,
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn fake(&self) -> &FakeAtlas {
        self.fake.as_ref().expect("a fake upstream")
    }
}

pub fn api_key_env() -> HashMap<String, String> {
    HashMap::from([
        (
            "MONGODB_ATLAS_PUBLIC_API_KEY".to_string(),
            PUBLIC_KEY.to_string(),
        ),
        (
            "MONGODB_ATLAS_PRIVATE_API_KEY".to_string(),
            PRIVATE_KEY.to_string(),
        ),
    ])
}

pub fn service_account_env() -> HashMap<String, String> {
    HashMap::from([
        ("MONGODB_ATLAS_CLIENT_ID".to_string(), CLIENT_ID.to_string()),
        (
            "MONGODB_ATLAS_CLIENT_SECRET".to_string(),
            CLIENT_SECRET.to_string(),
        ),
    ])
}

/// The proxy's router for `args` and `env`, as `proxy` would serve it.
pub fn router(args: &[&str], env: HashMap<String, String>) -> axum::Router {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut argv = vec!["atlas-panel-proxy".to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let options = Options::try_parse_from(argv).expect("valid options");
    let state =
        atlas_panel_proxy::state(&options, |name| env.get(name).cloned()).expect("a proxy state");
    atlas_panel_proxy::app(&options, state).expect("a proxy app")
}

/// The proxy's router, asked in process with `tower::ServiceExt::oneshot`: no port, no socket.
/// For what does not depend on the bytes on the wire; the path tricks go through `raw`.
pub struct InProcess {
    router: axum::Router,
}

impl InProcess {
    pub fn new(args: &[&str], env: HashMap<String, String>) -> InProcess {
        InProcess {
            router: router(args, env),
        }
    }

    /// Asks `method target` with `headers`, from a loopback peer, and reads the whole answer.
    pub async fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> RawAnswer {
        use tower::ServiceExt;
        let mut request = http::Request::builder().method(method).uri(target);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut request = request
            .body(axum::body::Body::empty())
            .expect("a valid request");
        // What `into_make_service_with_connect_info` gives a served request.
        let peer: SocketAddr = "127.0.0.1:40000".parse().expect("an address");
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let mut head = format!("{:?} {}\r\n", response.version(), response.status());
        for (name, value) in response.headers() {
            head.push_str(&format!(
                "{name}: {}\r\n",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        let status = response.status().as_u16();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the whole body");
        RawAnswer {
            status,
            head,
            body: String::from_utf8_lossy(&body).to_string(),
        }
    }

    pub async fn get(&self, target: &str) -> RawAnswer {
        self.request("GET", target, &[]).await
    }
}

/// Starts the proxy with `args` (after the program name) and `env` as its environment.
pub async fn proxy(args: &[&str], env: HashMap<String, String>) -> SocketAddr {
    let app = router(args, env).into_make_service_with_connect_info::<SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

/// A fake Atlas with `auth`, and the proxy in front of it, holding the matching credentials.
pub async fn proxy_with_fake(auth: AuthMode, extra_args: &[&str]) -> Running {
    let fake = FakeAtlas::start(auth).await;
    let upstream = fake.base_url();
    let mut args = vec!["--upstream", upstream.as_str()];
    args.extend_from_slice(extra_args);
    let env = match auth {
        AuthMode::Digest => api_key_env(),
        AuthMode::OAuth => service_account_env(),
    };
    let addr = proxy(&args, env).await;
    Running {
        addr,
        fake: Some(fake),
    }
}

/// An answer read off the wire.
pub struct RawAnswer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl RawAnswer {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("JSON body, got {:?}", self.body))
    }
}

/// Sends `method target` exactly as written, with `headers`, and reads the whole answer.
pub async fn raw(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> RawAnswer {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the proxy");
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.expect("read");
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let body = bytes.get(split + 4..).unwrap_or_default();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_vec()
    };
    RawAnswer {
        status,
        head,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok());
        let rest = &body[line_end + 2..];
        match size {
            Some(size) if size > 0 && rest.len() >= size => {
                out.extend_from_slice(&rest[..size]);
                body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
            }
            _ => break,
        }
    }
    out
}

pub async fn get(addr: SocketAddr, target: &str) -> RawAnswer {
    raw(addr, "GET", target, &[]).await
}

/// Starts the proxy binary on a free loopback port and waits until it accepts connections.
pub async fn spawn_binary(
    args: &[&str],
    env: &[(&str, &str)],
) -> (tokio::process::Child, SocketAddr) {
    let addr = unshared_port();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_atlas-panel-proxy"))
        .arg("--listen")
        .arg(addr.to_string())
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the proxy binary starts");
    for _ in 0..200 {
        if let Ok(Some(status)) = child.try_wait() {
            let mut said = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = stderr.read_to_string(&mut said).await;
            }
            panic!("the proxy on {addr} exited ({status}) before listening: {said}");
        }
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return (child, addr);
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the proxy did not start on {addr}");
}

/// A loopback address free now, below the kernel's ephemeral range (32768 and up here).
/// A port from `bind(0)` could be taken, before the child proxy binds it, by another test's
/// `bind(0)` or outgoing connection running in parallel; the child would then fail to start
/// and the test would talk to the other test's server (CI once saw a reset from a proxy that
/// was not its own). Ports below the range are handed out only here, once each per process.
fn unshared_port() -> SocketAddr {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    const FIRST: u32 = 20_000;
    const COUNT: u32 = 12_000;
    let start = std::process::id().wrapping_mul(7_919);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        assert!(n < COUNT, "no free loopback port below 32000");
        let port = FIRST + start.wrapping_add(n) % COUNT;
        let addr = SocketAddr::from(([127, 0, 0, 1], port as u16));
        if std::net::TcpListener::bind(addr).is_ok() {
            return addr;
        }
    }
}

/// An HTTP Basic `Authorization` value.
pub fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// Fails the test, naming the Debian package, when an outside tool it needs cannot be run:
/// a missing tool is a failed check, never a silent pass. `scripts/install-tools --for-tests`
/// installs each of them.
pub fn missing_tool(tool: &str, package: &str, error: std::io::Error) -> ! {
    panic!(
        "{tool} could not be run ({error}): this test needs it. Install Debian's {package} \
         package (scripts/install-tools --for-tests does)"
    )
}

/// An address nothing listens on, and that no other test's listener is given meanwhile.
pub async fn closed_port() -> SocketAddr {
    unshared_port()
}
