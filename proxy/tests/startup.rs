//! The proxy binary as an operator runs it: refusals at start, and what it writes to its log.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::Duration;

use fake_upstream::{ids, AuthMode, FakeAtlas, PRIVATE_KEY, PUBLIC_KEY};

const PROXY: &str = env!("CARGO_BIN_EXE_atlas-panel-proxy");

fn proxy_command() -> Command {
    let mut command = Command::new(PROXY);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    command
}

#[test]
fn without_credentials_or_demo_it_refuses_to_start_in_one_line() {
    let output = proxy_command()
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for name in [
        "MONGODB_ATLAS_PUBLIC_API_KEY",
        "MONGODB_ATLAS_PRIVATE_API_KEY",
        "MONGODB_ATLAS_CLIENT_ID",
        "--demo",
    ] {
        assert!(stderr.contains(name), "{name} not named: {stderr}");
    }
}

#[test]
fn half_a_key_is_refused_by_name() {
    let output = proxy_command()
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", "pub")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("MONGODB_ATLAS_PRIVATE_API_KEY"));
}

#[test]
fn a_static_dir_without_index_html_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let output = proxy_command()
        .args(["--demo", "--static"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("index.html"));
}

#[test]
fn check_config_says_what_would_run_and_exits() {
    let ok = proxy_command()
        .args(["--check-config", "--demo", "--listen", "127.0.0.1:9999"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let said = String::from_utf8_lossy(&ok.stdout);
    assert!(
        said.contains("configuration OK")
            && said.contains("demo")
            && said.contains("127.0.0.1:9999"),
        "{said}"
    );

    let keyed = proxy_command()
        .args(["--check-config", "--upstream", "https://atlas.example"])
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY)
        .output()
        .unwrap();
    assert!(keyed.status.success());
    let said = String::from_utf8_lossy(&keyed.stdout);
    assert!(
        said.contains("forwarding to https://atlas.example") && !said.contains(PRIVATE_KEY),
        "{said}"
    );

    // A service account's secret and tokens, or the key's answers, never cross a network in
    // clear: plain HTTP only to a loopback upstream.
    for (upstream, starts) in [
        ("http://atlas.example", false),
        ("http://10.0.0.9:8080", false),
        ("http://127.0.0.1:9", true),
        ("http://[::1]:9", true),
        ("http://localhost:9", true),
    ] {
        let output = proxy_command()
            .args(["--check-config", "--upstream", upstream])
            .env("MONGODB_ATLAS_CLIENT_ID", "id")
            .env("MONGODB_ATLAS_CLIENT_SECRET", "a-secret")
            .output()
            .unwrap();
        assert_eq!(output.status.success(), starts, "{upstream}");
        let said = String::from_utf8_lossy(&output.stderr);
        if !starts {
            assert!(
                said.contains("in clear") && said.contains("https://"),
                "{said}"
            );
            assert!(!said.contains("a-secret"), "{said}");
        }
    }

    let refused = proxy_command().args(["--check-config"]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("MONGODB_ATLAS_PUBLIC_API_KEY"));
    let bad_origin = proxy_command()
        .args([
            "--check-config",
            "--demo",
            "--allow-origin",
            "intranet.example/",
        ])
        .output()
        .unwrap();
    assert!(!bad_origin.status.success());
}

#[test]
fn the_systemd_unit_verifies() {
    let version = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .unwrap_or_else(|error| common::missing_tool("systemd-analyze", "systemd", error));
    assert!(version.status.success(), "systemd-analyze --version failed");
    let unit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../deploy/atlas-panel-proxy.service"
    ))
    .unwrap();
    for hardening in [
        "DynamicUser=yes",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "RestrictAddressFamilies=",
        "Restart=on-failure",
    ] {
        assert!(unit.contains(hardening), "{hardening} missing");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas-panel-proxy.service");
    std::fs::write(
        &path,
        unit.replace("/usr/local/bin/atlas-panel-proxy", PROXY),
    )
    .unwrap();
    let output = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap_or_else(|error| common::missing_tool("systemd-analyze", "systemd", error));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && said.trim().is_empty(),
        "systemd-analyze verify: {said}"
    );
}

/// Every option of `cli::Options`, as an operator types it: the command line is a contract.
const OPTIONS: [&str; 26] = [
    "--listen",
    "--static",
    "--upstream",
    "--demo",
    "--allow-origin",
    "--connect-src",
    "--timeout",
    "--auth-header",
    "--trusted-proxy",
    "--users",
    "--allow-anonymous",
    "--public-host",
    "--tls-cert",
    "--tls-key",
    "--allow-project",
    "--allow-org",
    "--allow-ids",
    "--api-version",
    "--cache-ttl",
    "--metrics-listen",
    "--check-config",
    "--max-connections",
    "--header-read-timeout",
    "--idle-timeout",
    "--max-concurrent-upstream",
    "--user-upstream-per-minute",
];

#[test]
fn the_option_list_is_every_option_the_parser_has() {
    use clap::CommandFactory;
    let declared: BTreeSet<String> = atlas_panel_proxy::cli::Options::command()
        .get_arguments()
        .filter_map(|argument| argument.get_long())
        .filter(|long| !matches!(*long, "help" | "version"))
        .map(|long| format!("--{long}"))
        .collect();
    let listed: BTreeSet<String> = OPTIONS.iter().map(|o| o.to_string()).collect();
    assert_eq!(declared, listed, "cli.rs and OPTIONS differ");
}

#[test]
fn help_explains_every_option() {
    let output = proxy_command().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    // clap's long help: each option on a line of its own (`-h, --help`, `--listen <LISTEN>`),
    // its explanation on the next.
    let lines: Vec<&str> = help.lines().map(str::trim).collect();
    let mut explained = BTreeMap::new();
    for (n, line) in lines.iter().enumerate() {
        if !line.starts_with('-') {
            continue;
        }
        let name = line
            .split_whitespace()
            .map(|word| word.trim_end_matches(','))
            .find(|word| word.starts_with("--"))
            .unwrap_or_else(|| panic!("an option line without a long name: {line}"));
        let explanation = lines.get(n + 1).copied().unwrap_or_default();
        explained.insert(name.to_string(), explanation.to_string());
    }
    let expected: BTreeSet<String> = OPTIONS
        .iter()
        .chain(&["--help", "--version"])
        .map(|o| o.to_string())
        .collect();
    assert_eq!(
        explained.keys().cloned().collect::<BTreeSet<_>>(),
        expected,
        "the options --help names:\n{help}"
    );
    for (name, explanation) in &explained {
        assert!(
            explanation.len() > 10 && !explanation.starts_with('-'),
            "{name} is not explained in --help:\n{help}"
        );
    }
}

#[tokio::test]
async fn logs_one_line_per_request_and_never_a_secret_or_a_body() {
    let fake = FakeAtlas::start(AuthMode::Digest).await;
    let env = [
        ("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY),
        ("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY),
    ];
    let (mut child, addr) = common::spawn_binary(&["--upstream", &fake.base_url()], &env).await;
    let path = format!("/api/atlas/v1.0/groups/{}/integrations", ids::CLEAR_SECRETS);
    let answer = common::raw(
        addr,
        "GET",
        &format!("{path}?pageNum=1"),
        &[("Cookie", "session=browser-cookie-value")],
    )
    .await;
    assert_eq!(answer.status, 200);
    common::get(addr, "/api/atlas/v1.0/groups/nope/integrations").await;
    child.start_kill().unwrap();
    let output = child.wait_with_output().await.unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    for secret in [
        PRIVATE_KEY,
        "CLEARTEXT",
        "browser-cookie-value",
        "fakenonce",
        "Digest ",
    ] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
    let request_lines: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("status="))
        .collect();
    assert_eq!(request_lines.len(), 2, "{log}");
    assert!(
        request_lines[0].contains(&path)
            && request_lines[0].contains("method=GET")
            && request_lines[0].contains("status=200")
    );
    assert!(request_lines[0].contains("latency="));
    assert!(request_lines[1].contains("status=404"));
}

#[tokio::test]
async fn users_are_re_read_on_sighup_and_named_in_the_log() {
    let users = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        users.path(),
        format!("alice:{}\n", bcrypt::hash("alice-pw", 10).unwrap()),
    )
    .unwrap();
    let users_file = users.path().to_str().unwrap();
    let (mut child, addr) = common::spawn_binary(&["--demo", "--users", users_file], &[]).await;
    let path = "/api/public/v1.0/orgs/6500000000000000000000b2/teams";
    assert_eq!(
        common::raw(
            addr,
            "GET",
            path,
            &[("Authorization", &common::basic("alice", "alice-pw"))]
        )
        .await
        .status,
        200
    );
    assert_eq!(
        common::raw(
            addr,
            "GET",
            path,
            &[("Authorization", &common::basic("bob", "bob-pw"))]
        )
        .await
        .status,
        401
    );

    std::fs::write(
        users.path(),
        format!("bob:{}\n", bcrypt::hash("bob-pw", 10).unwrap()),
    )
    .unwrap();
    let pid = child.id().unwrap().to_string();
    assert!(Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap()
        .success());
    let mut admitted = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if common::raw(
            addr,
            "GET",
            path,
            &[("Authorization", &common::basic("bob", "bob-pw"))],
        )
        .await
        .status
            == 200
        {
            admitted = true;
            break;
        }
    }
    assert!(admitted, "bob was not admitted after SIGHUP");
    assert_eq!(
        common::raw(
            addr,
            "GET",
            path,
            &[("Authorization", &common::basic("alice", "alice-pw"))]
        )
        .await
        .status,
        401,
        "alice was removed from the file"
    );
    child.start_kill().unwrap();
    let output = child.wait_with_output().await.unwrap();
    let log = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(log.contains("access: HTTP Basic"), "{log}");
    assert!(
        log.lines()
            .any(|line| line.contains("user=alice") && line.contains("status=200")),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|line| line.contains("user=bob") && line.contains("status=200")),
        "{log}"
    );
    assert!(!log.contains("alice-pw") && !log.contains("bob-pw"));
}

#[tokio::test]
async fn serves_https_with_hsts_given_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap_or_else(|error| common::missing_tool("openssl", "openssl", error));
    assert!(
        made.status.success(),
        "openssl req: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let (mut child, addr) =
        common::spawn_binary(&["--demo", "--tls-cert", cert, "--tls-key", key], &[]).await;
    let mut answer = String::new();
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let curl = Command::new("curl")
            .args([
                "-sk",
                "-D",
                "-",
                "-o",
                "/dev/null",
                &format!("https://{addr}/api/public/v1.0/orgs/6500000000000000000000b2/teams"),
            ])
            .output()
            .unwrap_or_else(|error| common::missing_tool("curl", "curl", error));
        answer = String::from_utf8_lossy(&curl.stdout).to_ascii_lowercase();
        if answer.starts_with("http/") {
            break;
        }
    }
    child.start_kill().unwrap();
    assert!(
        answer.starts_with("http/2 200") || answer.starts_with("http/1.1 200"),
        "{answer}"
    );
    assert!(
        answer.contains("strict-transport-security: max-age=31536000"),
        "{answer}"
    );
}
