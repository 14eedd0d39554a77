"""A claim's figure as numbers: the interval it allows and the figure it states.

Hedges are compared as intervals, not points: "at least 16" allows [16, ∞),
so it fits "33"; "about 350" allows a band around 350, so it fits "nearly 350"
and "350". The *stated* figures (lowest, highest, representative) are what the
article says, never the widened band: an estimate always quotes a source.
"""

from __future__ import annotations

import math

from accord.models import Claim

#: Half-width of the band an "about N" figure allows, as a share of N.
#: 10% is the usual reading of "about"/"nearly"/"some" in casualty coverage:
#: "nearly 350" and "350" agree, "about 30" and "33" agree, "about 30" and "35" do not.
ABOUT_BAND = 0.10

UNBOUNDED = math.inf


def has_number(claim: Claim) -> bool:
    """Whether the claim states any count at all ("several" with no bound states none)."""
    return claim.value.low is not None or claim.value.high is not None


def allowed(claim: Claim) -> tuple[float, float]:
    """The counts the claim allows, as a closed interval [low, high] (high may be ∞)."""
    low, high = claim.value.low, claim.value.high
    if low is None and high is None:
        return 0.0, UNBOUNDED
    hedge = claim.hedge
    if hedge == "at_least":
        return float(low if low is not None else high), UNBOUNDED  # type: ignore[arg-type]  # a bound is given: neither returned above
    if hedge == "at_most":
        return 0.0, float(high if high is not None else low)  # type: ignore[arg-type]  # as above
    if hedge == "about":
        lowest = low if low is not None else high
        highest = high if high is not None else low
        return (float(math.floor(lowest * (1 - ABOUT_BAND))),  # type: ignore[operator]  # as above
                float(math.ceil(highest * (1 + ABOUT_BAND))))  # type: ignore[operator]  # as above
    # exact, range, vague: the bounds as given; a missing bound is open.
    return (float(low) if low is not None else 0.0, float(high) if high is not None else UNBOUNDED)


def allows(claim: Claim, count: int) -> bool:
    """Whether the claim is right if the true count is ``count``."""
    low, high = allowed(claim)
    return low <= count <= high


def compatible(a: Claim, b: Claim) -> bool:
    """Whether one true count could make both claims right."""
    a_low, a_high = allowed(a)
    b_low, b_high = allowed(b)
    return max(a_low, b_low) <= min(a_high, b_high)


def stated_low(claim: Claim) -> int:
    """The lowest figure the claim states: 16 for "at least 16", 70 for "70 to 80"."""
    value = claim.value.low if claim.value.low is not None else claim.value.high
    assert value is not None, "stated_low needs a claim with a number"
    return value


def stated_high(claim: Claim) -> int:
    """The highest figure the claim states: 16 for "at least 16", 80 for "70 to 80"."""
    value = claim.value.high if claim.value.high is not None else claim.value.low
    assert value is not None, "stated_high needs a claim with a number"
    return value


def stated_point(claim: Claim) -> int:
    """The one figure that stands for the claim: the middle of a range, else the number said."""
    low, high = claim.value.low, claim.value.high
    if low is not None and high is not None:
        return (low + high) // 2
    return stated_low(claim)


def describe_value(claim: Claim) -> str:
    """The figure in a few words: "at least 16", "about 350", "70–80", "dozens (24 or more)"."""
    low, high = claim.value.low, claim.value.high
    if low is None and high is None:
        return "an unstated number"
    hedge = claim.hedge
    if hedge == "at_least":
        return f"at least {stated_low(claim)}"
    if hedge == "at_most":
        return f"at most {stated_high(claim)}"
    if hedge == "about":
        return f"about {stated_point(claim)}"
    if hedge == "vague":
        if low is not None and high is not None:
            return f"{low}–{high} (vague)"
        return f"{low} or more (vague)" if low is not None else f"up to {high} (vague)"
    if low is not None and high is not None and low != high:
        return f"{low}–{high}"
    if low is None:
        return f"up to {high}"
    if high is None:
        return f"at least {low}"
    return str(low)
