//! The instance's `LISTEN` connection: every change another instance (or this one) commits
//! sends `pg_notify(CHANNEL, key)` in its transaction, and this task wakes the local waiters on
//! that key, so a long poll here learns of a URLNotify that reached another instance at once,
//! without polling the database. When the connection drops (the database restarts) it
//! reconnects and wakes every waiter once, since what happened meanwhile was not heard.

use std::time::Duration;

use tokio::task::AbortHandle;
use tokio_postgres::{AsyncMessage, NoTls};

use super::schema::CHANNEL;
use crate::backend::waiters::Waiters;
use crate::state::log;

/// Aborts the listener when the store goes.
#[derive(Debug)]
pub struct Listener(AbortHandle);

impl Drop for Listener {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts listening on its own connection (not one of the pool's).
pub fn spawn(config: tokio_postgres::Config, waiters: Waiters) -> Listener {
    let task = tokio::spawn(async move {
        let mut pause = Duration::from_millis(100);
        loop {
            let started = tokio::time::Instant::now();
            match listen(&config, &waiters).await {
                Ok(()) => log("shop", "database LISTEN connection closed; reconnecting"),
                Err(e) => log("shop", format!("database LISTEN connection: {e}")),
            }
            if started.elapsed() > Duration::from_secs(5) {
                pause = Duration::from_millis(100);
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    });
    Listener(task.abort_handle())
}

/// One connection's life: `LISTEN`, wake everyone (whatever was missed before), then wake the
/// waiters of each notification until the connection ends.
async fn listen(
    config: &tokio_postgres::Config,
    waiters: &Waiters,
) -> Result<(), tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    let w = waiters.clone();
    let mut driver = tokio::spawn(async move {
        while let Some(message) = std::future::poll_fn(|cx| connection.poll_message(cx)).await {
            if let AsyncMessage::Notification(n) = message? {
                w.wake(n.payload());
            }
        }
        Ok::<(), tokio_postgres::Error>(())
    });
    let listen = format!("LISTEN {CHANNEL}");
    let listening = tokio::select! {
        r = client.batch_execute(&listen) => r,
        ended = &mut driver => return ended.unwrap_or(Ok(())),
    };
    if let Err(e) = listening {
        driver.abort();
        return Err(e);
    }
    waiters.wake_all();
    let ended = driver.await.unwrap_or(Ok(()));
    drop(client);
    ended
}
