"""Letters on a case: composing, checking, finalising and printing them."""
