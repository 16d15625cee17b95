//! The one error type of every vendor call. Each variant is a case a caller branches on; none
//! of them ever carries a credential (URLs are dropped from transport errors because some
//! vendors take their key in the query string).

use std::time::Duration;

use crate::Vendor;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The key was refused (401 or 403).
    #[error("{vendor} refused the credentials ({status}): {message}; check the key in Connections")]
    Unauthorized { vendor: Vendor, status: u16, message: String },
    /// Still throttled after every retry the policy allows.
    #[error("{vendor} is rate limiting us{}; try again later", after_text(*.retry_after))]
    RateLimited { vendor: Vendor, retry_after: Option<Duration> },
    /// The thing asked for does not exist there (404).
    #[error("{vendor} has no such record")]
    NotFound { vendor: Vendor },
    /// Clearbit's 202: the lookup is queued; ask again later or use the stream host.
    #[error("{vendor} queued the lookup; it will be fetched on a later sync")]
    Queued { vendor: Vendor },
    /// A 4xx the request cannot recover from, a 5xx after every retry, or a body that is not
    /// what the vendor documents.
    #[error("{vendor} answered {}: {message}", status_text(*.status))]
    BadResponse { vendor: Vendor, status: Option<u16>, message: String },
    /// The vendor could not be reached (DNS, connect, TLS, timeout).
    #[error("could not reach {vendor}: {message}; check the network or the base URL")]
    Network { vendor: Vendor, message: String },
}

impl ApiError {
    pub fn vendor(&self) -> Vendor {
        match self {
            ApiError::Unauthorized { vendor, .. }
            | ApiError::RateLimited { vendor, .. }
            | ApiError::NotFound { vendor }
            | ApiError::Queued { vendor }
            | ApiError::BadResponse { vendor, .. }
            | ApiError::Network { vendor, .. } => *vendor,
        }
    }

    /// Whether the whole run should stop rather than go on with the next row: no later row
    /// can succeed with a refused key, an exhausted quota or an unreachable host.
    pub fn stops_run(&self) -> bool {
        matches!(
            self,
            ApiError::Unauthorized { .. } | ApiError::RateLimited { .. } | ApiError::Network { .. }
        )
    }

    pub(crate) fn bad_body(vendor: Vendor, error: &serde_json::Error) -> ApiError {
        ApiError::BadResponse {
            vendor,
            status: None,
            message: format!("the body is not what {vendor} documents ({error})"),
        }
    }
}

fn after_text(after: Option<Duration>) -> String {
    match after {
        Some(d) => format!(" (it asks to wait {} s)", d.as_secs().max(1)),
        None => String::new(),
    }
}

fn status_text(status: Option<u16>) -> String {
    match status {
        Some(s) => format!("HTTP {s}"),
        None => "with an unexpected body".to_owned(),
    }
}
