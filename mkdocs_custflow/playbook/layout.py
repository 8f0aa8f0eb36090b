"""Where each generated playbook page lives.

Its own module because both the pages (which write them) and the links
(which point at them) need it: each imports it from below, not each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlaybookLayout:
    """Where each generated page lives, relative to the docs folder."""

    directory: str = "playbook"

    def overview(self) -> str:
        return f"{self.directory}/index.md"

    def raci(self) -> str:
        return f"{self.directory}/raci.md"

    def improvements(self) -> str:
        return f"{self.directory}/improvements.md"

    def dashboard(self) -> str:
        return f"{self.directory}/dashboard.md"

    def stage(self, stage_id: str) -> str:
        return f"{self.directory}/stages/{stage_id}.md"

    def touchpoint(self, touchpoint_id: str) -> str:
        return f"{self.directory}/touchpoints/{touchpoint_id}.md"

    def role(self, role_id: str) -> str:
        return f"{self.directory}/roles/{role_id}.md"

    def architecture(self) -> str:
        return f"{self.directory}/architecture.md"

    def personal_data(self) -> str:
        return f"{self.directory}/personal-data.md"

    def system(self, system_id: str) -> str:
        return f"{self.directory}/systems/{system_id}.md"

    def data(self, data_id: str) -> str:
        return f"{self.directory}/data/{data_id}.md"
