"""The submitter's satisfaction rating after the answer, on the five SIPAS aspects.

SIPAS (Chỉ số hài lòng về sự phục vụ hành chính) is one of the province's external yardsticks
(docs/domain.md): access, procedure, civil servant, result, feedback handling. Each aspect is rated
1 (very dissatisfied) to 5 (very satisfied); the 5-level scale follows the usual SIPAS questionnaire
and is not confirmed by a primary text. One rating per feedback, by whoever holds its tracking code.
"""
from dataclasses import replace

from services.common.errors import Conflict
from services.feedback.domain.enums import ANSWERED_STATUSES, SIPAS_ASPECTS
from services.feedback.domain.model import Rating


def rate(feedback, scores, comment, today):
    if feedback.status not in ANSWERED_STATUSES:
        raise Conflict("a feedback can be rated once it is answered; it is {}".format(feedback.status.value),
                       fields={"status": [feedback.status.value]})
    if feedback.rating is not None:
        raise Conflict("this feedback was already rated on {}".format(feedback.rating.rated_on),
                       fields={"rating": ["already given"]})
    rating = Rating(**{aspect: scores[aspect] for aspect in SIPAS_ASPECTS}, rated_on=today, comment=comment)
    return replace(feedback, rating=rating), []
