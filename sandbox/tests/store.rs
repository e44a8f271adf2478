//! The store interface's contract, the same tests against both implementations: SQLite (two
//! connections to one file, as two processes on one `--data-dir` would have) and PostgreSQL
//! (two pools on one database, as two instances have; the server is started by the test).
//! Each test gets two stores on the same records, `one` and `two`.

mod common;

use std::time::Duration;

use common::postgres::PgServer;
use futures_util::future::join_all;
use paygate_sandbox::backend::state::Profile;
use paygate_sandbox::backend::store::{
    now, now_ms, Claim, ClaimRequest, CustomerRow, PgStore, Records, SqliteStore, Store,
};
use paygate_sandbox::backend::waiters::Waiters;
use serde_json::json;

/// Which implementation a test runs against.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Sqlite,
    Postgres,
}

/// Two stores on the same records, with the waiters their wake-ups reach.
struct Pair {
    one: Store,
    two: Store,
    two_waiters: Waiters,
    _dir: Option<tempfile::TempDir>,
}

async fn pair(kind: Kind) -> Pair {
    match kind {
        Kind::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("backend.sqlite3");
            Pair {
                one: Store::Sqlite(SqliteStore::open(&path).unwrap()),
                two: Store::Sqlite(SqliteStore::open(&path).unwrap()),
                two_waiters: Waiters::default(),
                _dir: Some(dir),
            }
        }
        Kind::Postgres => {
            let url = PgServer::shared().database().await;
            let two_waiters = Waiters::default();
            Pair {
                one: Store::Postgres(PgStore::connect(&url, Waiters::default()).await.unwrap()),
                two: Store::Postgres(PgStore::connect(&url, two_waiters.clone()).await.unwrap()),
                two_waiters,
                _dir: None,
            }
        }
    }
}

fn customer(id: &str) -> CustomerRow {
    CustomerRow {
        id: id.into(),
        demo: "max".into(),
        profile: Profile {
            first_name: "Max".into(),
            last_name: "Mustermann".into(),
            email: "max@example.com".into(),
        },
    }
}

/// A claim of `key` by `owner` for customer `cus_1` and 1999 EUR, leased for `lease_ms`.
fn claim_of(key: &str, owner: &str, lease_ms: i64) -> ClaimRequest {
    let t = now_ms();
    ClaimRequest {
        key: key.into(),
        customer: "cus_1".into(),
        fingerprint: "1999 EUR".into(),
        fresh_trans_id: format!("T{}", paygate_sandbox::ids::hex(20)),
        owner: owner.into(),
        now_ms: t,
        lease_until_ms: t + lease_ms,
        expires_at: now() + 3600,
    }
}

async fn sessions_customers_and_seeding(kind: Kind) {
    let p = pair(kind).await;
    p.one
        .create_session("tok1", &customer("cus_1"), now() + 60)
        .await
        .unwrap();
    p.one
        .create_session("old", &customer("cus_old"), now() - 1)
        .await
        .unwrap();
    assert_eq!(
        p.two.session_customer("tok1").await.unwrap().as_deref(),
        Some("cus_1")
    );
    assert_eq!(
        p.two.session_of("cus_1").await.unwrap().as_deref(),
        Some("tok1")
    );
    assert_eq!(
        p.two.session_customer("old").await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(p.two.session_customer("nope").await.unwrap(), None);
    assert_eq!(
        p.two.customer("cus_1").await.unwrap(),
        Some(customer("cus_1"))
    );
    assert_eq!(p.two.customer("cus_x").await.unwrap(), None);
    assert!(p.one.claim_seeding("cus_1", true).await.unwrap());
    assert!(
        !p.two.claim_seeding("cus_1", true).await.unwrap(),
        "seeded once"
    );
    assert!(p.two.claim_seeding("cus_1", false).await.unwrap());
    assert!(p.one.claim_seeding("cus_1", true).await.unwrap());
    assert_eq!(p.two.counts().await.unwrap(), [2, 2, 0, 0]);
}

async fn claims_answers_and_conflicts(kind: Kind) {
    let p = pair(kind).await;
    let first = claim_of("k1", "A", 60_000);
    let Claim::New(t) = p.one.claim(&first).await.unwrap() else {
        panic!("a new key")
    };
    assert_eq!(t, first.fresh_trans_id);
    let pending = p.two.payment(&t).await.unwrap().expect("its payment");
    assert_eq!(
        (pending.poll, pending.version),
        (json!({"state": "pending"}), 0)
    );
    let busy = p.two.claim(&claim_of("k1", "B", 60_000)).await.unwrap();
    assert_eq!(
        busy,
        Claim::Busy {
            until_ms: first.lease_until_ms
        }
    );
    let other_customer = ClaimRequest {
        customer: "cus_2".into(),
        ..claim_of("k1", "B", 1)
    };
    assert_eq!(p.two.claim(&other_customer).await.unwrap(), Claim::Conflict);
    let other_amount = ClaimRequest {
        fingerprint: "2000 EUR".into(),
        ..claim_of("k1", "B", 1)
    };
    assert_eq!(p.two.claim(&other_amount).await.unwrap(), Claim::Conflict);
    let answer = p.one.answer_with("k1", &t, now() + 60, |row| {
        row.pay_id = Some("P1".into());
        (200, json!({"payId": "P1"}))
    });
    assert_eq!(answer.await.unwrap(), (200, json!({"payId": "P1"})));
    let again = p.two.answer_with("k1", &t, now() + 60, |row| {
        row.pay_id = Some("P2".into());
        (201, json!({"payId": "P2"}))
    });
    assert_eq!(
        again.await.unwrap(),
        (200, json!({"payId": "P1"})),
        "the first answer wins"
    );
    assert_eq!(
        p.two
            .payment_by_pay_id("P1")
            .await
            .unwrap()
            .map(|r| r.version),
        Some(1)
    );
    assert_eq!(p.two.payment_by_pay_id("P2").await.unwrap(), None);
    let repeat = p.two.claim(&claim_of("k1", "C", 60_000)).await.unwrap();
    assert_eq!(repeat, Claim::Answered(200, json!({"payId": "P1"})));
    assert_eq!(
        p.one.key_owner("k1").await.unwrap().as_deref(),
        Some("cus_1")
    );
}

async fn a_lease_runs_out_or_is_released_then_the_key_is_taken_over(kind: Kind) {
    let p = pair(kind).await;
    let Claim::New(t) = p.one.claim(&claim_of("k2", "A", 300)).await.unwrap() else {
        panic!()
    };
    assert!(matches!(
        p.two.claim(&claim_of("k2", "B", 300)).await.unwrap(),
        Claim::Busy { .. }
    ));
    assert!(
        !p.two.renew_lease("k2", "B", now_ms() + 300).await.unwrap(),
        "B holds no lease"
    );
    assert!(p.one.renew_lease("k2", "A", now_ms() + 300).await.unwrap());
    tokio::time::sleep(Duration::from_millis(400)).await;
    // A died: its lease ran out, and B processes the key again under the same TransID.
    let taken = p.two.claim(&claim_of("k2", "B", 60_000)).await.unwrap();
    assert_eq!(taken, Claim::TakenOver(t.clone()));
    assert!(
        !p.one.renew_lease("k2", "A", now_ms() + 300).await.unwrap(),
        "A lost it"
    );
    assert!(matches!(
        p.one.claim(&claim_of("k2", "C", 1)).await.unwrap(),
        Claim::Busy { .. }
    ));
    p.one.release_lease("k2", "A").await.unwrap();
    assert!(
        matches!(
            p.one.claim(&claim_of("k2", "C", 1)).await.unwrap(),
            Claim::Busy { .. }
        ),
        "only the holder releases"
    );
    p.two.release_lease("k2", "B").await.unwrap();
    assert_eq!(
        p.one.claim(&claim_of("k2", "C", 60_000)).await.unwrap(),
        Claim::TakenOver(t)
    );
}

async fn concurrent_claims_of_one_key_make_one_payment(kind: Kind) {
    let p = pair(kind).await;
    let claims = (0..16).map(|i| {
        let store = if i % 2 == 0 { &p.one } else { &p.two };
        let req = claim_of("k3", &format!("owner{i}"), 60_000);
        async move { store.claim(&req).await.unwrap() }
    });
    let outcomes = join_all(claims).await;
    let new = outcomes
        .iter()
        .filter(|c| matches!(c, Claim::New(_)))
        .count();
    let busy = outcomes
        .iter()
        .filter(|c| matches!(c, Claim::Busy { .. }))
        .count();
    assert_eq!((new, busy), (1, 15), "{outcomes:?}");
    assert_eq!(
        p.one.counts().await.unwrap()[2..],
        [1, 1],
        "one payment, one key"
    );
}

async fn concurrent_changes_of_one_payment_are_serialised(kind: Kind) {
    let p = pair(kind).await;
    let Claim::New(t) = p.one.claim(&claim_of("k4", "A", 60_000)).await.unwrap() else {
        panic!()
    };
    let bumps = (0..24).map(|i| {
        let (store, t) = (if i % 2 == 0 { &p.one } else { &p.two }, t.clone());
        async move {
            let n = store.update_payment(&t, |row| {
                let n = row.poll["n"].as_i64().unwrap_or(0) + 1;
                row.poll = json!({"state": "pending", "n": n});
                n
            });
            n.await.unwrap().expect("known payment")
        }
    });
    let mut seen = join_all(bumps).await;
    seen.sort_unstable();
    assert_eq!(
        seen,
        (1..=24).collect::<Vec<i64>>(),
        "each change saw the one before"
    );
    let row = p.two.payment(&t).await.unwrap().unwrap();
    assert_eq!((row.poll["n"].as_i64(), row.version), (Some(24), 24));
    assert_eq!(p.one.update_payment(&t, |_| ()).await.unwrap(), Some(()));
    assert_eq!(
        p.two.payment(&t).await.unwrap().unwrap().version,
        24,
        "no change, same version"
    );
    assert_eq!(
        p.one.update_payment("T-unknown", |_| ()).await.unwrap(),
        None
    );
}

async fn concurrent_first_answers_keep_one(kind: Kind) {
    let p = pair(kind).await;
    let Claim::New(t) = p.one.claim(&claim_of("k5", "A", 60_000)).await.unwrap() else {
        panic!()
    };
    let answers = (0..10).map(|i| {
        let (store, t) = (if i % 2 == 0 { &p.one } else { &p.two }, t.clone());
        async move {
            let answer = store.answer_with("k5", &t, now() + 60, move |row| {
                row.poll = json!({"state": "pending", "by": i});
                (200, json!({"by": i}))
            });
            answer.await.unwrap()
        }
    });
    let answers = join_all(answers).await;
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    let row = p.two.payment(&t).await.unwrap().unwrap();
    assert_eq!(
        (row.poll["by"].clone(), row.version),
        (answers[0].1["by"].clone(), 1)
    );
}

async fn the_sweep_removes_the_expired_once(kind: Kind) {
    let p = pair(kind).await;
    for i in 0..3 {
        let id = format!("cus_{i}");
        p.one
            .create_session(&format!("t{i}"), &customer(&id), now() - 1)
            .await
            .unwrap();
        assert!(p.one.claim_seeding(&id, true).await.unwrap());
    }
    p.one
        .create_session("live", &customer("cus_live"), now() + 60)
        .await
        .unwrap();
    let expired = ClaimRequest {
        expires_at: now() - 1,
        ..claim_of("k6", "A", 1)
    };
    assert!(matches!(
        p.one.claim(&expired).await.unwrap(),
        Claim::New(_)
    ));
    let (a, b) = tokio::join!(p.one.sweep(), p.two.sweep());
    let mut gone = [a.unwrap(), b.unwrap()].concat();
    gone.sort();
    assert_eq!(
        gone,
        ["cus_0", "cus_1", "cus_2"],
        "each seeded customer once"
    );
    assert_eq!(p.two.counts().await.unwrap(), [1, 1, 0, 0]);
    assert_eq!(p.two.final_count().await.unwrap(), 0);
}

/// Only PostgreSQL wakes across instances: a change committed through `one` wakes a waiter on
/// `two` (SQLite is one instance: its handlers wake their own waiters).
async fn a_change_wakes_the_other_instance(kind: Kind) {
    let p = pair(kind).await;
    let Claim::New(t) = p.one.claim(&claim_of("k7", "A", 60_000)).await.unwrap() else {
        panic!()
    };
    let mut waiter = p.two_waiters.subscribe(&t);
    let started = std::time::Instant::now();
    p.one
        .update_payment(&t, |row| row.poll = json!({"state": "challenge"}))
        .await
        .unwrap();
    let woken = tokio::time::timeout(Duration::from_secs(1), waiter.changed()).await;
    match kind {
        Kind::Postgres => assert!(
            woken.is_ok(),
            "woken within a second: {:?}",
            started.elapsed()
        ),
        Kind::Sqlite => assert!(woken.is_err(), "SQLite has no cross-instance wake-up"),
    }
}

/// Each test above, once per implementation.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::Kind::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::Kind::Postgres).await })*
        }
    };
}

on_both!(
    sessions_customers_and_seeding,
    claims_answers_and_conflicts,
    a_lease_runs_out_or_is_released_then_the_key_is_taken_over,
    concurrent_claims_of_one_key_make_one_payment,
    concurrent_changes_of_one_payment_are_serialised,
    concurrent_first_answers_keep_one,
    the_sweep_removes_the_expired_once,
    a_change_wakes_the_other_instance,
);
