"""Spaces models: sites and points of interest, accessibility, assessment methods and runs, pre-investment."""

from creativepoles.spaces.models.assessment import AssessmentResult, AssessmentRun, Criterion, Method
from creativepoles.spaces.models.imports import ImportRun, ImportStatus
from creativepoles.spaces.models.sites import (
    Accessibility,
    Condition,
    Ownership,
    PoiCategory,
    PointOfInterest,
    PreInvestmentParameters,
    Site,
    SiteDocument,
    SitePhoto,
    SiteStatus,
    SiteStatusChange,
)

__all__ = [
    "Accessibility", "AssessmentResult", "AssessmentRun", "Condition", "Criterion", "ImportRun", "ImportStatus",
    "Method", "Ownership",
    "PointOfInterest", "PoiCategory", "PreInvestmentParameters", "Site", "SiteDocument", "SitePhoto",
    "SiteStatus", "SiteStatusChange",
]
