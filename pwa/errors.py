"""The one error the build raises, so the CLI can print it and exit non-zero without a trace."""


class PwaBuildError(RuntimeError):
    """A build step failed; the message says which step and what to do about it."""
