"""One Flet view per screen. Views hold UI only; logic lives in ``data``."""
