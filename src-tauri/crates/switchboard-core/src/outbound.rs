//! The outbound pipeline's states: a qualified company's place in the sales reps' review queue
//! and the email activity a contact accumulates. Owns the names; the store keeps the rows.
//! `pipeline` holds the rules of the run that finds them.

pub mod pipeline;

crate::text_enum!(
    /// Where a qualified company or one of its contacts stands in review.
    ReviewState, "review state", {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
        Snoozed => "snoozed",
    }
);

crate::text_enum!(
    /// One thing that happened to one email delivery (Customer.io's metrics).
    EmailActivityKind, "email activity", {
        Sent => "sent",
        Delivered => "delivered",
        Opened => "opened",
        Clicked => "clicked",
        Bounced => "bounced",
        Replied => "replied",
        Unsubscribed => "unsubscribed",
    }
);
