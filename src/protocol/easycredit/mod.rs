//! easyCredit (hire purchase) API v3 as the Paygate speaks it: the order rules that
//! `easyCredit.aspx` enforces before the redirect ([`order`]), and the `Financing` answer of
//! `easyCreditDirect.aspx` with `EventToken=GET` ([`financing`]), with exact decimal amounts
//! ([`decimal`]).

pub mod decimal;
pub mod financing;
pub mod order;

pub use decimal::{Date, Money, Rate};
pub use financing::{Approved, DecisionOutcome, Financing, FinancingError};
pub use order::{check_order, check_request, Address, Employment, Field, NotifyUrlRule, Order, OrderProblem, ProblemCode};
