"""The talk form shows chairs and participants with their rank on the talk's date, and the
documents signed there, each opening its record."""

from __future__ import annotations

from datetime import date, datetime

from dnqp_desktop.core.library import Library
from dnqp_desktop.ui.forms.talk_form import TalkForm
from dnqp_desktop.ui.main_window import MainWindow
from tests.helpers import ICT, make_agreement, make_lao_unit, make_person, make_talk, make_unit


def test_ranks_on_the_talk_date_and_documents_signed(qtbot, window: MainWindow, library: Library) -> None:
    tq = make_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Tuyên Quang", short_name="Bộ CHQS Tuyên Quang")
    ps = make_lao_unit(library, name_vi="Bộ Chỉ huy quân sự tỉnh Phongsaly", short_name="Bộ CHQS Phongsaly")
    long = make_person(
        library,
        unit_id=tq.id,
        ranks=[
            {"rank": "senior_lieutenant_colonel", "since": date(2018, 1, 1), "until": date(2022, 6, 30)},
            {"rank": "colonel", "since": date(2022, 7, 1)},
        ],
    )
    xp = make_person(
        library,
        name_vi="Xiêng-pheng Bua-lả-vông",
        unit_id=ps.id,
        ranks=[{"rank": "major_general", "since": date(2020, 1, 1)}],
    )
    talk = make_talk(
        library,
        start_at=datetime(2021, 4, 24, 8, tzinfo=ICT),
        units=[{"unit_id": tq.id}, {"unit_id": ps.id}],
        participants=[{"person_id": long.id, "role": "chair"}, {"person_id": xp.id, "role": "chair"}],
    )
    memo = make_agreement(library, kind="memorandum", title_vi="Bản ghi nhớ năm 2021", talk_id=talk.id)
    form = window.open_record("talk", talk.id)
    assert isinstance(form, TalkForm)
    rows = [[form.people.topLevelItem(i).text(c) for c in range(6)] for i in range(form.people.topLevelItemCount())]
    assert rows[0][:5] == ["Đặng Văn Long", "Chủ trì", "Bộ CHQS Tuyên Quang", "Việt Nam", "Thượng tá"]
    assert rows[1][0] == "Xiêng-pheng Bua-lả-vông" and rows[1][3] == "Lào"
    [document] = [form.documents.topLevelItem(0)]
    assert document.text(0) == "Bản ghi nhớ năm 2021"
    form._open_document(document)
    assert window.forms[-1].record_id == memo.id
