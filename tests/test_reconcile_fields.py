"""The incident's start, type and perpetrators from its mentions (reconcile.incidents), as rules and end to
end on short reports written for these tests (real spaCy, real linking)."""

from __future__ import annotations

from accord.extract import Extractor
from accord.link import link_mentions
from accord.models import Actor, Article, ArticleExtraction, IncidentMention
from accord.reconcile import build_incidents
from accord.reconcile.incidents import actor_kinds, date_range, majority_type, perpetrators_of


def mention(index: int, event_type: str = "bombing", date: str | None = None, basis: str = "absolute",
            background: bool = False, perpetrators: tuple[str, ...] = (), article: str = "a") -> IncidentMention:
    return IncidentMention(index=index, article=article, event_type=event_type, date=date, date_basis=basis,
                           background=background, perpetrators=list(perpetrators))


def test_a_year_or_a_month_never_starts_an_incident_a_day_dates() -> None:
    mentions = [mention(0, date="2014-12-16"), mention(1, date="2014", basis="relative", background=True),
                mention(2, date="2014-12", basis="relative"), mention(3, date="2014-12-17", basis="weekday")]
    assert date_range(mentions) == ("2014-12-16", "2014-12-17")
    assert date_range([mention(0, date="2014", basis="relative"), mention(1, date="2014-11", basis="relative")]) \
        == ("2014-11", "2014-11")


def test_publication_days_date_only_what_no_text_dates() -> None:
    assert date_range([mention(0, date="2020-05-02", basis="published"), mention(1, date="2020-05-01")]) \
        == ("2020-05-01", "2020-05-01")
    assert date_range([mention(0, date="2020-05-02", basis="published")]) == ("2020-05-02", "2020-05-02")


def test_no_incident_starts_days_after_a_report_of_it_came_out() -> None:
    follow_up = mention(1, date="2015-07-28", basis="weekday", article="b")  # "officials said on Tuesday"
    first_report = mention(0, date="2015-07-20", basis="published")
    assert date_range([first_report, follow_up]) == ("2015-07-20", "2015-07-28")
    # a page stamped the evening before (a time zone) says nothing against the text's day
    assert date_range([mention(0, date="2016-12-31", basis="published"), mention(1, date="2017-01-01")]) \
        == ("2017-01-01", "2017-01-01")


def test_two_means_of_attack_make_an_armed_assault() -> None:
    school = [mention(0, "bombing"), mention(1, "bombing"), mention(2, "shooting"), mention(3, "armed_assault")]
    assert majority_type(school) == "armed_assault"
    museum = [mention(0, "hostage_taking"), mention(1, "shooting")]
    assert majority_type(museum) == "armed_assault"
    # one means, however reports call the rest: the majority's
    assert majority_type([mention(0, "bombing"), mention(1, "bombing"), mention(2, "armed_assault")]) == "bombing"
    # a means told only in a background mention is no means of this attack
    assert majority_type([mention(0, "shooting"), mention(1, "bombing", background=True),
                          mention(2, "shooting")]) == "shooting"


def test_people_and_descriptions_give_way_to_named_groups() -> None:
    extraction = ArticleExtraction(article="a", actors=[
        Actor(name="Ali Khan", role="perpetrator", kind="person"),
        Actor(name="bandits", role="perpetrator", kind="description"),
        Actor(name="BLA", canonical="Balochistan Liberation Army", role="perpetrator", kind="organisation"),
        Actor(name="Chechen rebels", role="perpetrator", kind="description"),
    ])
    kinds = actor_kinds([extraction])
    named = [mention(0, perpetrators=("Ali Khan", "bandits", "Balochistan Liberation Army"))]
    assert perpetrators_of(named, kinds) == ["Balochistan Liberation Army"]
    described = [mention(0, perpetrators=("Ali Khan", "Chechen rebels")), mention(1, perpetrators=("bandits",))]
    assert perpetrators_of(described, kinds) == ["bandits", "Chechen rebels"]  # as often named: by name
    assert perpetrators_of([mention(0, perpetrators=("Ali Khan",))], kinds) == []
    # records written before kinds were kept: every name stays
    assert perpetrators_of([mention(0, perpetrators=("Ali Khan",))]) == ["Ali Khan"]


def test_an_incident_from_two_reports_end_to_end(extractor: Extractor) -> None:
    articles = [
        Article(id="r1", published="2019-05-05", text=(
            " date 2019-05-05 A suicide bomber blew himself up at a crowded market in the city of Quetta on "
            "Saturday, killing 21 people, police said. The Balochistan Liberation Army claimed responsibility "
            "for the bombing. Police arrested Imran Baloch, a shopkeeper, over the blast.")),
        Article(id="r2", published="2019-05-06", text=(
            "QUETTA: The death toll from the suicide bombing at a crowded market in Quetta on Saturday rose to 24, "
            "police said on Monday. The bomber blew himself up among shoppers at the market. Officials blamed "
            "the bombing on the BLA.")),
    ]
    extractions = [extractor.extract_article(a) for a in articles]
    incidents = build_incidents(link_mentions(articles, extractions), {a.id: a for a in articles},
                                {e.article: e for e in extractions})
    main = next(i for i in incidents if not i.background and {a.id for a in i.articles} == {"r1", "r2"})
    assert main.start == "2019-05-04"  # the day of the bombing, not the page's date
    assert main.type == "bombing"
    assert main.perpetrators == ["Balochistan Liberation Army"]
    assert main.place is not None and main.place.name == "Quetta" and main.place.country == "PK"


def test_a_sieges_first_day_starts_the_incident() -> None:
    """Rule reconcile.date.siege_start: a main mention's start (a siege told to have lasted days) counts."""
    siege_end = IncidentMention(index=0, article="a", event_type="hostage_taking", date="2004-09-04",
                                date_basis="published", start="2004-09-01")
    assert date_range([siege_end, mention(0, date="2004-09-03", basis="relative", article="b")]) \
        == ("2004-09-01", "2004-09-03")
