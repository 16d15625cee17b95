//! Lead and account scores: MadKudu's `customer_fit` segments and the mapping from a 0–100 score
//! to a segment. Owns the thresholds' meaning; the thresholds themselves are workspace settings.

crate::text_enum!(
    /// MadKudu's `customer_fit.segment`.
    FitSegment, "fit segment", {
        VeryGood => "very good",
        Good => "good",
        Medium => "medium",
        Low => "low",
    }
);

impl FitSegment {
    /// The segment MadKudu's default bands give a 0–100 score.
    pub fn for_score(score: f64) -> FitSegment {
        match score {
            s if s >= 85.0 => FitSegment::VeryGood,
            s if s >= 70.0 => FitSegment::Good,
            s if s >= 50.0 => FitSegment::Medium,
            _ => FitSegment::Low,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FitSegment;

    #[test]
    fn bands() {
        assert_eq!(FitSegment::for_score(92.0), FitSegment::VeryGood);
        assert_eq!(FitSegment::for_score(85.0), FitSegment::VeryGood);
        assert_eq!(FitSegment::for_score(84.9), FitSegment::Good);
        assert_eq!(FitSegment::for_score(70.0), FitSegment::Good);
        assert_eq!(FitSegment::for_score(50.0), FitSegment::Medium);
        assert_eq!(FitSegment::for_score(3.0), FitSegment::Low);
        assert_eq!("very good".parse::<FitSegment>().unwrap(), FitSegment::VeryGood);
    }
}
