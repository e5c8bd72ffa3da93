"""A large import shares personnel's process with the reads that arrive meanwhile (issue 23: while a chunk of
4,000 rows was imported, personnel answered nothing else, and the gateway's reads waited or got a 503)."""
from nameko.standalone.rpc import ClusterRpcProxy

from services.personnel.service import PersonnelService

ROWS = 3000


def _csv(unit_id, position_id, rows):
    lines = ["full_name,national_id,birth_date,category,unit_id,position_id,rank,service_start_date"]
    lines += ["Cán bộ {0},0961{0:08d},1980-01-01,CONG_CHUC,{1},{2},01.003,2010-09-01".format(number, unit_id,
                                                                                             position_id)
              for number in range(rows)]
    return "\n".join(lines) + "\n"


def test_reads_sent_during_a_large_import_are_answered_while_it_goes_on(config, container_factory):
    container_factory(PersonnelService, config).start()
    with ClusterRpcProxy(config, timeout=120) as rpc, ClusterRpcProxy(config, timeout=120) as reader:
        unit = rpc.personnel.create_unit({"code": "SNV", "name": "Sở Nội vụ", "unit_type": "SO",
                                          "level": "PROVINCE", "valid_from": "2017-01-01"})
        position = rpc.personnel.create_position({"unit_id": unit["id"], "title": "Chuyên viên",
                                                  "group": "PROFESSIONAL", "rank": "01.003"})
        importing = rpc.personnel.import_officials.call_async(_csv(unit["id"], position["id"], ROWS))
        totals = []
        while not totals or totals[-1] < ROWS:      # ends: the import commits every row
            totals.append(reader.personnel.list_officials({"limit": 1})["total"])
        assert importing.result()["created"] == ROWS
    # A read answered only before or after the import would see 0 or every row: these saw it under way.
    assert [total for total in totals if 0 < total < ROWS], totals
