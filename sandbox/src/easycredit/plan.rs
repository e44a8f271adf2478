//! The sandbox's stand-in for easyCredit's credit decision: the installment plans it offers and
//! the v3 `Financing` JSON it answers at `easyCreditDirect.aspx` (`EventToken=GET`).

use serde_json::{json, Value};

/// The terms the plan page offers, in months.
pub const TERMS: [u32; 3] = [6, 9, 12];
/// The sandbox's nominal (fixed borrowing) rate in hundredths of a percent: 8.64 %.
pub const NOMINAL_RATE: u64 = 864;
/// The sandbox's effective annual rate in hundredths of a percent: 8.99 %.
pub const EFFECTIVE_RATE: u64 = 899;

/// One installment plan, all amounts in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Number of monthly installments.
    pub installments: u32,
    /// The order value.
    pub order_value: u64,
    /// Interest for the whole term (simple interest at the nominal rate, rounded to the cent).
    pub interest: u64,
    /// Every installment but the last.
    pub installment: u64,
    /// The last installment (what is left).
    pub last_installment: u64,
    /// `(year, month)` of the first installment; each falls due on the 1st.
    pub first_month: (i32, u32),
}

impl Plan {
    /// The plan for `order_value` cents over `installments` months, starting the month after
    /// next from `(year, month)`.
    pub fn new(order_value: u64, installments: u32, (year, month): (i32, u32)) -> Plan {
        let n = u64::from(installments.max(1));
        let interest = (order_value * NOMINAL_RATE * n + 60_000) / 120_000;
        let total = order_value + interest;
        // Rounded up so the last installment is the smaller one, unless the total is too small
        // to split that way (then the last one takes the remainder).
        let up = total.div_ceil(n);
        let installment = if up * (n - 1) < total { up } else { total / n };
        let last_installment = total - installment * (n - 1);
        Plan {
            installments: n as u32,
            order_value,
            interest,
            installment,
            last_installment,
            first_month: add_months((year, month), 2),
        }
    }

    /// Order value plus interest.
    pub fn total(&self) -> u64 {
        self.order_value + self.interest
    }

    /// `YYYY-MM-01` of the first installment.
    pub fn first_date(&self) -> String {
        date(self.first_month)
    }

    /// `YYYY-MM-01` of the last installment.
    pub fn last_date(&self) -> String {
        date(add_months(self.first_month, self.installments - 1))
    }
}

fn add_months((year, month): (i32, u32), n: u32) -> (i32, u32) {
    let zero_based = year as i64 * 12 + i64::from(month) - 1 + i64::from(n);
    ((zero_based / 12) as i32, (zero_based % 12) as u32 + 1)
}

fn date((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}-01")
}

/// Cents as a JSON number with two decimals (`284935` → `2849.35`); serde_json writes the
/// shortest form that reads back to the same double, which is the decimal itself.
pub fn euros(cents: u64) -> Value {
    json!(cents as f64 / 100.0)
}

fn rate(hundredths: u64) -> Value {
    json!(hundredths as f64 / 100.0)
}

/// `12,34 €`, as easyCredit writes amounts in its German texts.
pub fn euro_text(cents: u64) -> String {
    format!("{},{:02} €", cents / 100, cents % 100)
}

/// What the customer and the order look like to easyCredit (for `transaction`).
#[derive(Debug, Clone, Default)]
pub struct Parties {
    /// The shop's order id (`RefNr`).
    pub order_id: String,
    /// `FirstName`, `LastName`.
    pub customer: (String, String),
    /// Invoice address as `transaction.orderDetails.invoiceAddress`.
    pub invoice: Value,
    /// Delivery address as `transaction.orderDetails.shippingAddress`.
    pub shipping: Value,
}

/// The plans of every term for the order of `p`, as `installmentPlans` lists them.
fn installment_plans(p: &Plan) -> Vec<Value> {
    TERMS
        .iter()
        .map(|&n| {
            let alt = Plan::new(p.order_value, n, (0, 1));
            json!({
                "totalValuePlan": euros(alt.total()),
                "interests": {"effectiveInterest": rate(EFFECTIVE_RATE), "nominalInterest": rate(NOMINAL_RATE), "interest": euros(alt.interest)},
                "paymentPlan": {"numberOfInstallments": n, "firstInstallmentDate": p.first_date(),
                    "lastInstallmentDate": date(add_months(p.first_month, n - 1)),
                    "installment": euros(alt.installment), "lastInstallment": euros(alt.last_installment)},
            })
        })
        .collect()
}

/// The figures a `POSITIVE` decision adds for the chosen plan `p`.
fn figures(p: &Plan, precontractual: &str) -> Value {
    json!({
        "interest": euros(p.interest),
        "nominalInterest": rate(NOMINAL_RATE),
        "effectiveInterest": rate(EFFECTIVE_RATE),
        "merchantSpecificInterest": rate(EFFECTIVE_RATE),
        "totalValue": euros(p.total()),
        "numberOfInstallments": p.installments,
        "installment": euros(p.installment),
        "lastInstallment": euros(p.last_installment),
        "firstInstallmentDate": p.first_date(),
        "lastInstallmentDate": p.last_date(),
        "amortizationPlanText": format!(
            "{} monatliche Raten: {} × {} und eine letzte Rate von {}.",
            p.installments, p.installments - 1, euro_text(p.installment), euro_text(p.last_installment)
        ),
        "urlPreContractualInformation": precontractual,
        "installmentPlans": installment_plans(p),
    })
}

/// The `Financing` JSON of a decided order: `POSITIVE` with the figures of `plan`, or
/// `NEGATIVE` without any. `precontractual` is the link to the pre-contractual information.
pub fn financing(
    transaction_id: &str,
    plan: Option<&Plan>,
    order_value: u64,
    parties: &Parties,
    precontractual: &str,
) -> Value {
    let mut decision = json!({
        "transactionId": transaction_id,
        "orderValue": euros(order_value),
        "decisionOutcome": if plan.is_some() { "POSITIVE" } else { "NEGATIVE" },
        "minNumberOfInstallments": TERMS[0],
        "maxNumberOfInstallments": TERMS[TERMS.len() - 1],
    });
    if let (Some(p), Some(d)) = (plan, decision.as_object_mut()) {
        if let Value::Object(f) = figures(p, precontractual) {
            d.extend(f);
        }
    }
    json!({
        "decision": decision,
        "transaction": {
            "financingTerm": plan.map_or(0, |p| p.installments),
            "orderDetails": {
                "orderValue": euros(order_value),
                "orderId": parties.order_id,
                "invoiceAddress": parties.invoice,
                "shippingAddress": parties.shipping,
            },
            "customer": {"firstName": parties.customer.0, "lastName": parties.customer.1},
        },
        "status": if plan.is_some() { "PREAUTHORIZED" } else { "DECLINED" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_add_up_to_the_total() {
        for value in [1_999, 59_995, 261_479, 7] {
            for n in TERMS {
                let p = Plan::new(value, n, (2026, 11));
                assert_eq!(
                    p.installment * u64::from(n - 1) + p.last_installment,
                    p.total(),
                    "{value} over {n}"
                );
                assert!(p.last_installment > 0);
            }
        }
        let p = Plan::new(59_995, 12, (2026, 11));
        assert_eq!(p.interest, 5_184, "8.64 % of 599.95 € for a year");
        assert_eq!(
            (p.first_date(), p.last_date()),
            ("2027-01-01".to_string(), "2027-12-01".to_string())
        );
        assert_eq!(euros(284_935).to_string(), "2849.35");
    }
}
