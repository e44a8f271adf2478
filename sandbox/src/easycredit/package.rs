//! The shop origin's `/pkg-easycredit/`: the second wasm build, for shops that take easyCredit.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::EasyCredit;
use crate::error::AppError;
use crate::shop;

/// `GET /pkg-easycredit/{*file}`: the easyCredit wasm build (with wasm-bindgen's `snippets/`),
/// from `pkg-easycredit/` beside `--pkg`.
pub async fn package_file(State(ec): State<EasyCredit>, Path(file): Path<String>) -> Response {
    let plain = |seg: &str| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    if file.len() > 256 || !file.split('/').all(plain) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let dir = ec
        .app
        .cfg
        .pkg
        .parent()
        .map(|p| p.join("pkg-easycredit"))
        .unwrap_or_else(|| "pkg-easycredit".into());
    let path = dir.join(&file);
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, shop::mime(&path)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => AppError::text(StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
