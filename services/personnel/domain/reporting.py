"""The personnel part of the province's yearly report and of a unit's scorecard (DOMAIN: indicators
people expect on a dashboard): job-position schemes approved, officials meeting their position's
standards, the rating distribution, disciplines by form, review cases open and closed."""
from datetime import date

from services.personnel.domain.staffing import SchemeStatus, compliance


def year_end(year, today):
    """The day the year's figures are taken on: 31 December, or today for the running year."""
    return min(date(year, 12, 31), today)


def annual_figures(year, today, schemes, officials, positions_by_id, ratings, disciplines_by_form, reviews, meets=None):
    """`ratings` ({rating: count}) and `disciplines_by_form` ({form: count}) of the year come counted (the
    store's summaries); the rest is worked out from the officials, schemes and reviews of the scope."""
    end = year_end(year, today)
    standards = compliance(officials, positions_by_id, end, meets)
    return {
        "year": year,
        "as_of": end,
        "schemes_approved": sum(1 for s in schemes if s.status == SchemeStatus.APPROVED and s.decided_on
                                and s.decided_on.year == year),
        "standards_assessed": standards["officials"],
        "standards_met": standards["met"],
        "ratings": dict(sorted(ratings.items())),
        "disciplines_by_form": dict(sorted(disciplines_by_form.items())),
        "reviews_open": sum(1 for r in reviews if r.opened_on <= end and (r.decided_on is None or r.decided_on > end)),
        "reviews_closed": sum(1 for r in reviews if r.decided_on is not None and r.decided_on.year == year),
    }
