//! The Segment spec's message types. Owns their names as stored and sent; knows nothing of how
//! messages arrive (that is the collector's) or where they are kept (the store's).

crate::text_enum!(
    /// The `type` of a Segment message (the spec's six calls).
    MessageType, "message type", {
        Identify => "identify",
        Track => "track",
        Page => "page",
        Screen => "screen",
        Group => "group",
        Alias => "alias",
    }
);

#[cfg(test)]
mod tests {
    use super::MessageType;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for t in MessageType::ALL {
            assert_eq!(t.as_str().parse::<MessageType>().unwrap(), *t);
        }
        let err = "Track".parse::<MessageType>().unwrap_err();
        assert_eq!(err.to_string(), "unknown message type `Track`");
    }
}
