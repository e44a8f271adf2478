//! Wake-ups for requests waiting on a record (long polls, repeats of an in-flight key). The
//! records live in the store; this only says "look again". Entries go away with their last
//! waiter. On PostgreSQL the wake-ups of other instances arrive through `LISTEN/NOTIFY`
//! (`store::postgres`); a clone shares the same channels.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::state::lock;

/// Named wake-up channels.
#[derive(Debug, Default, Clone)]
pub struct Waiters {
    map: Arc<Mutex<HashMap<String, watch::Sender<u64>>>>,
}

/// One waiter's subscription; dropping it (also when its request is dropped) forgets the entry
/// once nobody else waits on it.
#[derive(Debug)]
pub struct Waiter {
    rx: Option<watch::Receiver<u64>>,
    key: String,
    map: Arc<Mutex<HashMap<String, watch::Sender<u64>>>>,
}

impl Waiter {
    /// Resolves at the next wake-up after the subscription.
    pub async fn changed(&mut self) {
        match self.rx.as_mut() {
            Some(rx) => {
                if rx.changed().await.is_err() {
                    std::future::pending::<()>().await
                }
            }
            None => std::future::pending::<()>().await,
        }
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        drop(self.rx.take());
        let mut g = lock(&self.map);
        if g.get(&self.key).is_some_and(|tx| tx.receiver_count() == 0) {
            g.remove(&self.key);
        }
    }
}

impl Waiters {
    /// Subscribes to `key`; subscribe before reading the record so no wake-up is missed.
    pub fn subscribe(&self, key: &str) -> Waiter {
        let rx = lock(&self.map)
            .entry(key.to_string())
            .or_insert_with(|| watch::channel(0).0)
            .subscribe();
        Waiter {
            rx: Some(rx),
            key: key.to_string(),
            map: self.map.clone(),
        }
    }

    /// Wakes everyone waiting on `key`.
    pub fn wake(&self, key: &str) {
        if let Some(tx) = lock(&self.map).get(key) {
            tx.send_modify(|v| *v += 1);
        }
    }

    /// Wakes everyone (after a lost database connection: what happened meanwhile was not heard).
    pub fn wake_all(&self) {
        for tx in lock(&self.map).values() {
            tx.send_modify(|v| *v += 1);
        }
    }

    /// How many keys have waiters (for tests: it returns to 0).
    pub fn len(&self) -> usize {
        lock(&self.map).len()
    }

    /// True when nobody waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
