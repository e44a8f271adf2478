//! Capture and credit of easyCredit transactions, asynchronous since v3: the answer is
//! `Status=Request`, the final status comes by URLNotify.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::Response;

use super::paygate::{ec_codes, existing, notify, outcome, refused, sealed};
use super::EasyCredit;
use crate::error::codes;
use crate::state::{lock, log};

/// Which asynchronous booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Booking {
    Capture,
    Credit,
}

async fn book(ec: EasyCredit, body: Result<Bytes, BytesRejection>, booking: Booking) -> Response {
    let (kv, t) = match existing(&ec, body) {
        Ok(x) => x,
        Err(e) => return refused(&ec, e),
    };
    let amount = kv
        .get("Amount")
        .and_then(|a| a.parse::<u64>().ok())
        .unwrap_or(0);
    let fits = match booking {
        Booking::Capture => t.confirmed && t.captured + amount <= t.amount,
        Booking::Credit => t.credited + amount <= t.captured,
    };
    if !fits {
        return sealed(
            &ec,
            &outcome(
                &ec,
                &t,
                "FAILED",
                ec_codes::STATE,
                "amount does not fit the transaction",
                &[],
            ),
        );
    }
    let kind = if booking == Booking::Capture {
        "capture"
    } else {
        "credit"
    };
    if let Some(stored) = lock(&ec.state.paygate).get_mut(&t.pay_id) {
        match booking {
            Booking::Capture => stored.captured += amount,
            Booking::Credit => stored.credited += amount,
        }
    }
    log(
        "paygate",
        format!("easyCredit {kind} {} amount={amount}: Request", t.pay_id),
    );
    let extra = [("Type", kind.to_owned()), ("Amount", amount.to_string())];
    let final_status = outcome(&ec, &t, "OK", codes::OK, kind, &extra);
    tokio::spawn(notify(
        ec.clone(),
        t.url_notify.clone(),
        final_status,
        Duration::from_millis(300),
    ));
    sealed(
        &ec,
        &outcome(&ec, &t, "Request", codes::OK, "REQUEST", &extra),
    )
}

/// `POST /capture.aspx` on an easyCredit transaction: `Status=Request` now, the final status by
/// URLNotify (with `Type=capture`).
pub async fn capture(
    State(ec): State<EasyCredit>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    book(ec, body, Booking::Capture).await
}

/// `POST /credit.aspx`: as [`capture`], for a refund of captured money (`Type=credit`).
pub async fn credit(State(ec): State<EasyCredit>, body: Result<Bytes, BytesRejection>) -> Response {
    book(ec, body, Booking::Credit).await
}
