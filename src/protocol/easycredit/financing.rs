//! The `Financing` answer of `easyCreditDirect.aspx` (`EventToken=GET`, API v3): base64 of
//! JSON with English keys. Only a positive decision carries the figures a shop must show on its
//! confirmation page: the number of installments, the repayment plan, the total with the
//! interest, the effective and nominal rates, and the link to the pre-contractual information.

use core::fmt;

use super::decimal::{Date, Money, Rate};
use crate::protocol::ascii;
use crate::protocol::codec::decode_base64;
use crate::protocol::json::Value;
use crate::protocol::kv::KeyValues;

/// easyCredit's decision (`decision.decisionOutcome`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// `POSITIVE`: the hire purchase is granted.
    Positive,
    /// `NEGATIVE`: refused.
    Negative,
    /// Any other value, as sent (not approved either).
    Other(String),
}

impl DecisionOutcome {
    /// Reads the documents' spelling, case-insensitively.
    pub fn parse(text: &str) -> DecisionOutcome {
        let t = text.trim();
        if t.eq_ignore_ascii_case("POSITIVE") {
            DecisionOutcome::Positive
        } else if t.eq_ignore_ascii_case("NEGATIVE") {
            DecisionOutcome::Negative
        } else {
            DecisionOutcome::Other(t.to_owned())
        }
    }
}

/// The figures of a granted hire purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// The number of installments the customer chose.
    pub number_of_installments: u32,
    /// The monthly installment.
    pub installment: Money,
    /// The last installment.
    pub last_installment: Money,
    /// When the first installment is due.
    pub first_installment_date: Date,
    /// When the last installment is due.
    pub last_installment_date: Date,
    /// The order value financed, when sent.
    pub order_value: Option<Money>,
    /// The interest amount.
    pub interest: Money,
    /// The total amount (order value plus interest).
    pub total_value: Money,
    /// The effective annual interest rate.
    pub effective_interest: Rate,
    /// The nominal (fixed borrowing) rate.
    pub nominal_interest: Rate,
    /// `urlPreContractualInformation` as sent; the URL policy is applied where it is rendered.
    pub url_pre_contractual_information: Option<String>,
    /// `amortizationPlanText` (the repayment plan in easyCredit's words).
    pub amortization_plan_text: Option<String>,
}

/// A read `Financing`: granted with its figures, or not, and then no figures at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Financing {
    /// `decisionOutcome` `POSITIVE`.
    Approved(Approved),
    /// Any other outcome.
    NotApproved(DecisionOutcome),
}

/// Why a `Financing` could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinancingError {
    /// Neither JSON nor base64 of UTF-8 text.
    Base64,
    /// Not a JSON object.
    Json,
    /// A field a positive decision needs is absent (or the decision itself).
    Missing(&'static str),
    /// A field has the wrong format (an amount with three decimals, a date that is no date…).
    Format(&'static str),
}

impl FinancingError {
    /// The stable code: `base64`, `json`, `missing_field`, `format`.
    pub const fn code(self) -> &'static str {
        match self {
            FinancingError::Base64 => "base64",
            FinancingError::Json => "json",
            FinancingError::Missing(_) => "missing_field",
            FinancingError::Format(_) => "format",
        }
    }
}

impl fmt::Display for FinancingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FinancingError::Base64 => {
                f.write_str("Financing: neither JSON nor base64 of UTF-8 JSON")
            }
            FinancingError::Json => f.write_str("Financing: not a JSON object"),
            FinancingError::Missing(k) => write!(f, "Financing: `{k}` is missing"),
            FinancingError::Format(k) => write!(f, "Financing: `{k}` has the wrong format"),
        }
    }
}

impl std::error::Error for FinancingError {}

/// Where one figure may be: in `decision`, or in the chosen entry of `installmentPlans`.
struct Sources<'a> {
    decision: &'a Value,
    plan: Option<&'a Value>,
    interests: Option<&'a Value>,
}

impl<'a> Sources<'a> {
    fn find(&self, key: &'static str) -> Option<&'a Value> {
        let present = |v: Option<&'a Value>| v.filter(|v| !matches!(v, Value::Null));
        present(self.decision.get(&[key]))
            .or_else(|| present(self.plan.and_then(|p| p.get(&[key]))))
            .or_else(|| present(self.interests.and_then(|p| p.get(&[key]))))
    }

    fn read<T>(
        &self,
        key: &'static str,
        read: impl Fn(&Value) -> Option<T>,
    ) -> Result<T, FinancingError> {
        let v = self.find(key).ok_or(FinancingError::Missing(key))?;
        read(v).ok_or(FinancingError::Format(key))
    }

    fn text(&self, key: &'static str) -> Result<Option<String>, FinancingError> {
        match self.decision.get(&[key]) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(FinancingError::Format(key)),
        }
    }
}

fn installments(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) if n.fract() == 0.0 && (1.0..=1000.0).contains(n) => Some(*n as u32),
        Value::String(s) => s.trim().parse().ok().filter(|n| (1..=1000).contains(n)),
        _ => None,
    }
}

fn date(v: &Value) -> Option<Date> {
    match v {
        Value::String(s) => Date::parse(s),
        _ => None,
    }
}

impl Financing {
    /// Reads `Financing` in any form it travels in: base64 of the JSON (as the Paygate sends
    /// it), the JSON text, the decoded object, or the whole key=value answer holding
    /// `Financing=…`. Keys are compared case-insensitively; unknown keys are ignored.
    pub fn read(value: &Value) -> Result<Financing, FinancingError> {
        match value {
            Value::String(text) => Financing::from_text(text),
            Value::Object(_) => Financing::from_json(value),
            _ => Err(FinancingError::Json),
        }
    }

    /// Reads the text forms of [`Financing::read`].
    pub fn from_text(text: &str) -> Result<Financing, FinancingError> {
        let text = text.trim();
        if ascii::starts_with(text, b'{') {
            let value = super::parse_json(text).ok_or(FinancingError::Json)?;
            return Financing::from_json(&value);
        }
        let encoded = KeyValues::find(text, "Financing").unwrap_or(text);
        let compact: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
        let decoded = decode_base64(&compact)
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(FinancingError::Base64)?;
        let value = super::parse_json(&decoded).ok_or(FinancingError::Json)?;
        Financing::from_json(&value)
    }

    /// Reads the decoded JSON object.
    pub fn from_json(value: &Value) -> Result<Financing, FinancingError> {
        if !matches!(value, Value::Object(_)) {
            return Err(FinancingError::Json);
        }
        let decision = match value.get(&["decision"]) {
            Some(d @ Value::Object(_)) => d,
            None | Some(Value::Null) => return Err(FinancingError::Missing("decision")),
            Some(_) => return Err(FinancingError::Format("decision")),
        };
        let outcome = match decision.get(&["decisionOutcome"]) {
            Some(Value::String(s)) if !s.trim().is_empty() => DecisionOutcome::parse(s),
            None | Some(Value::Null) => return Err(FinancingError::Missing("decisionOutcome")),
            Some(_) => return Err(FinancingError::Format("decisionOutcome")),
        };
        if outcome != DecisionOutcome::Positive {
            return Ok(Financing::NotApproved(outcome));
        }
        Ok(Financing::Approved(approved(value, decision)?))
    }
}

/// The entry of `installmentPlans` with `chosen` installments, or the first one.
fn chosen_plan(decision: &Value, chosen: Option<u32>) -> Option<&Value> {
    let plans: &[Value] = match decision.get(&["installmentPlans"]) {
        Some(Value::Array(plans)) => plans,
        _ => &[],
    };
    let plan_count = |p: &Value| {
        p.get(&["paymentPlan"])
            .and_then(|pp| pp.get(&["numberOfInstallments"]))
            .and_then(installments)
    };
    match chosen {
        Some(n) => plans.iter().find(|p| plan_count(p) == Some(n)),
        None => plans.first(),
    }
}

/// The figures of a positive decision. `decision` holds them flat; where it lacks one, the
/// chosen entry of `installmentPlans` (`paymentPlan`, `interests`) gives it, and the number of
/// installments last falls back to `transaction.financingTerm`.
fn approved(financing: &Value, decision: &Value) -> Result<Approved, FinancingError> {
    let term = financing
        .get(&["transaction"])
        .and_then(|t| t.get(&["financingTerm"]));
    let chosen = decision
        .get(&["numberOfInstallments"])
        .and_then(installments);
    let entry = chosen_plan(decision, chosen);
    let sources = Sources {
        decision,
        plan: entry.and_then(|p| p.get(&["paymentPlan"])),
        interests: entry.and_then(|p| p.get(&["interests"])),
    };
    let number_of_installments = match (chosen, sources.find("numberOfInstallments").or(term)) {
        (Some(n), _) => n,
        (None, Some(v)) => installments(v).ok_or(FinancingError::Format("numberOfInstallments"))?,
        (None, None) => return Err(FinancingError::Missing("numberOfInstallments")),
    };
    let interest = sources.read("interest", Money::read)?;
    let order_value = match decision.get(&["orderValue"]) {
        None | Some(Value::Null) => None,
        Some(v) => Some(Money::read(v).ok_or(FinancingError::Format("orderValue"))?),
    };
    let total_value = match (
        decision
            .get(&["totalValue"])
            .filter(|v| !matches!(v, Value::Null)),
        order_value,
    ) {
        (Some(v), _) => Money::read(v).ok_or(FinancingError::Format("totalValue"))?,
        (None, Some(order)) => Money {
            cents: order.cents.saturating_add(interest.cents),
        },
        (None, None) => return Err(FinancingError::Missing("totalValue")),
    };
    Ok(Approved {
        number_of_installments,
        installment: sources.read("installment", Money::read)?,
        last_installment: sources.read("lastInstallment", Money::read)?,
        first_installment_date: sources.read("firstInstallmentDate", date)?,
        last_installment_date: sources.read("lastInstallmentDate", date)?,
        order_value,
        interest,
        total_value,
        effective_interest: sources.read("effectiveInterest", Rate::read)?,
        nominal_interest: sources.read("nominalInterest", Rate::read)?,
        url_pre_contractual_information: sources.text("urlPreContractualInformation")?,
        amortization_plan_text: sources.text("amortizationPlanText")?,
    })
}
