//! [`Records`] for [`PgStore`]: each call one transaction (or one statement), within
//! [`super::OP_TIMEOUT`].

use serde_json::Value;

use super::super::{
    now, Claim, ClaimRequest, CustomerRow, PaymentRow, Records, StoreError, StoreResult,
};
use super::{change_payment, claim_in, notify, stored_answer, timed, PgStore, CHANNEL};
use crate::backend::state::Profile;

impl Records for PgStore {
    async fn create_session(
        &self,
        token: &str,
        c: &CustomerRow,
        expires_at: i64,
    ) -> StoreResult<()> {
        timed(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await?;
            let p = &c.profile;
            let st = tx.prepare_cached("INSERT INTO customers (id, demo, first_name, last_name, email, expires_at) VALUES ($1, $2, $3, $4, $5, $6)").await?;
            tx.execute(&st, &[&c.id, &c.demo, &p.first_name, &p.last_name, &p.email, &expires_at])
                .await?;
            let st = tx
                .prepare_cached("INSERT INTO sessions (token, customer, expires_at) VALUES ($1, $2, $3)")
                .await?;
            tx.execute(&st, &[&token, &c.id, &expires_at]).await?;
            Ok(tx.commit().await?)
        })
        .await
    }

    async fn session_customer(&self, token: &str) -> StoreResult<Option<String>> {
        let q = "SELECT customer FROM sessions WHERE token = $1 AND expires_at > $2";
        self.text_by(q, &[&token, &now()]).await
    }

    async fn session_of(&self, customer: &str) -> StoreResult<Option<String>> {
        let q = "SELECT token FROM sessions WHERE customer = $1 AND expires_at > $2";
        self.text_by(q, &[&customer, &now()]).await
    }

    async fn customer(&self, id: &str) -> StoreResult<Option<CustomerRow>> {
        timed(async {
            let c = self.client().await?;
            let st = c
                .prepare_cached(
                    "SELECT id, demo, first_name, last_name, email FROM customers WHERE id = $1",
                )
                .await?;
            let Some(r) = c.query_opt(&st, &[&id]).await? else {
                return Ok(None);
            };
            let profile = Profile {
                first_name: r.try_get(2)?,
                last_name: r.try_get(3)?,
                email: r.try_get(4)?,
            };
            Ok(Some(CustomerRow {
                id: r.try_get(0)?,
                demo: r.try_get(1)?,
                profile,
            }))
        })
        .await
    }

    async fn claim_seeding(&self, id: &str, claim: bool) -> StoreResult<bool> {
        let q = "UPDATE customers SET seeded = $1 WHERE id = $2 AND seeded = $3";
        Ok(self.execute(q, &[&claim, &id, &!claim]).await? == 1)
    }

    async fn claim(&self, req: &ClaimRequest) -> StoreResult<Claim> {
        timed(async {
            let mut client = self.client().await?;
            // A key swept between the claim's two statements is claimed again.
            for _ in 0..3 {
                let tx = client.transaction().await?;
                if let Some(claim) = claim_in(&tx, req).await? {
                    tx.commit().await?;
                    return Ok(claim);
                }
                tx.rollback().await?;
            }
            Err(StoreError::Unavailable(format!(
                "idempotency key {} keeps vanishing",
                req.key
            )))
        })
        .await
    }

    async fn renew_lease(&self, key: &str, owner: &str, until_ms: i64) -> StoreResult<bool> {
        let q = "UPDATE idempotency SET lease_until = $1 WHERE key = $2 AND lease_owner = $3 AND answer IS NULL";
        Ok(self.execute(q, &[&until_ms, &key, &owner]).await? == 1)
    }

    async fn release_lease(&self, key: &str, owner: &str) -> StoreResult<()> {
        let q = "WITH released AS (UPDATE idempotency SET lease_until = 0 WHERE key = $1 AND lease_owner = $2 RETURNING key)
                 SELECT pg_notify($3, 'key:' || key) FROM released";
        self.execute(q, &[&key, &owner, &CHANNEL]).await.map(|_| ())
    }

    async fn key_owner(&self, key: &str) -> StoreResult<Option<String>> {
        let q = "SELECT customer FROM idempotency WHERE key = $1 AND expires_at > $2";
        self.text_by(q, &[&key, &now()]).await
    }

    async fn payment(&self, trans_id: &str) -> StoreResult<Option<PaymentRow>> {
        self.payment_by("trans_id", trans_id).await
    }

    async fn payment_by_pay_id(&self, pay_id: &str) -> StoreResult<Option<PaymentRow>> {
        self.payment_by("pay_id", pay_id).await
    }

    async fn update_payment<R: Send + 'static>(
        &self,
        trans_id: &str,
        f: impl FnOnce(&mut PaymentRow) -> R + Send + 'static,
    ) -> StoreResult<Option<R>> {
        timed(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await?;
            let r = change_payment(&tx, trans_id, f).await?;
            tx.commit().await?;
            Ok(r)
        })
        .await
    }

    async fn answer_with(
        &self,
        key: &str,
        trans_id: &str,
        expires_at: i64,
        f: impl FnOnce(&mut PaymentRow) -> (u16, Value) + Send + 'static,
    ) -> StoreResult<(u16, Value)> {
        timed(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await?;
            if let Some(first) = stored_answer(&tx, key).await? {
                tx.commit().await?;
                return Ok(first);
            }
            let (status, answer) = change_payment(&tx, trans_id, f)
                .await?
                .ok_or_else(|| StoreError::Failed(format!("payment {trans_id} missing")))?;
            let st = tx.prepare_cached("UPDATE idempotency SET status = $1, answer = $2, expires_at = $3, lease_until = 0 WHERE key = $4").await?;
            let text = answer.to_string();
            tx.execute(&st, &[&i32::from(status), &text, &expires_at, &key])
                .await?;
            notify(&tx, trans_id).await?;
            notify(&tx, &format!("key:{key}")).await?;
            tx.commit().await?;
            Ok((status, answer))
        })
        .await
    }

    async fn sweep(&self) -> StoreResult<Vec<String>> {
        timed(async {
            let t = now();
            let mut client = self.client().await?;
            let tx = client.transaction().await?;
            let gone = tx
                .query(
                    "WITH gone AS (DELETE FROM customers WHERE expires_at <= $1 RETURNING id, seeded)
                     SELECT id FROM gone WHERE seeded",
                    &[&t],
                )
                .await?;
            for table in ["sessions", "payments", "idempotency"] {
                let q = format!("DELETE FROM {table} WHERE expires_at <= $1");
                tx.execute(&q, &[&t]).await?;
            }
            tx.commit().await?;
            gone.iter()
                .map(|r| r.try_get(0).map_err(StoreError::from))
                .collect()
        })
        .await
    }

    async fn final_count(&self) -> StoreResult<i64> {
        timed(async {
            let c = self.client().await?;
            let q = "SELECT COUNT(*) FROM payments WHERE facts IS NOT NULL";
            Ok(c.query_one(q, &[]).await?.try_get(0)?)
        })
        .await
    }

    async fn counts(&self) -> StoreResult<[i64; 4]> {
        timed(async {
            let c = self.client().await?;
            let q = "SELECT (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM customers),
                            (SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM idempotency)";
            let r = c.query_one(q, &[]).await?;
            Ok([r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?])
        })
        .await
    }
}
