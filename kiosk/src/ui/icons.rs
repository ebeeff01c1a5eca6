//! The pictures a learner can choose for their name card (`kiosk/ui/widgets/icons/`).
//! Instructor registration offers these ids; an unknown id shows a leaf.

pub const ICONS: [&str; 12] = [
    "sun", "moon", "star", "flower", "tree", "house", "mountain", "heart", "fish", "apple", "bird",
    "leaf",
];
