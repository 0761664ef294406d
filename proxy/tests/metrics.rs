//! One client must not grow everyone's metrics: every label takes a closed set of values.

mod common;

use common::InProcess;

#[tokio::test]
async fn ten_thousand_methods_leave_the_metrics_the_same_size() {
    let proxy = InProcess::new(&["--demo"], Default::default());
    let refused = "/api/atlas/v1.0/groups/6500000000000000000000a1/integrations";
    // Every label value these requests can give exists once this warm-up is done.
    for method in ["A0", "GET", "HEAD"] {
        proxy.request(method, refused, &[]).await;
        proxy.request(method, "/nothing-here", &[]).await;
    }
    let before = proxy.get("/metrics").await.body;
    for n in 1..=10_000 {
        let method = format!("A{n}");
        let answer = proxy.request(&method, refused, &[]).await;
        assert_eq!(answer.status, 405, "{method}");
        proxy.request(&method, "/nothing-here", &[]).await;
    }
    let after = proxy.get("/metrics").await.body;
    assert!(!after.contains("A1\""), "a method became a label");
    assert!(after.contains("method=\"OTHER\""), "{after}");
    let lines = |text: &str| text.lines().count();
    // The GET of /metrics itself adds one series the first time only.
    assert!(
        lines(&after) <= lines(&before) + 1,
        "{before}\n---\n{after}"
    );
    assert!(
        after.len() < before.len() + 200,
        "{} -> {} bytes",
        before.len(),
        after.len()
    );
}
