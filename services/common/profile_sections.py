"""`profile_sections`: a service's parts of an official's profile in one RPC.

The gateway's profile asks each service once (four calls in parallel) instead of once per list:
each service names its sections and how to read them (`profile_readers`), reusing its own query
entrypoints so the parts are exactly what those routes answer.
"""
from services.common.errors import Invalid
from services.common.rpc_errors import domain_rpc


class ProfileSectionsEntrypoint:
    def profile_readers(self, official_id):
        """{section name: zero-argument callable}; each service declares its own."""
        raise NotImplementedError

    @domain_rpc
    def profile_sections(self, official_id, sections=None):
        readers = self.profile_readers(official_id)
        wanted = list(readers) if sections is None else list(sections)
        unknown = sorted(set(wanted) - set(readers))
        if unknown:
            raise Invalid("unknown profile sections", fields={"sections": [
                "{} not among {}".format(", ".join(unknown), ", ".join(readers))]})
        return {name: readers[name]() for name in wanted}
