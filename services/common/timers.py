"""A nameko timer whose interval is a setting of config.yml (read when the container sets up)."""
from nameko.timer import Timer


class ConfiguredTimer(Timer):
    def __init__(self, setting, default, **kwargs):
        self.setting, self.default = setting, default
        super().__init__(interval=default, **kwargs)

    def setup(self):
        self.interval = float(self.container.config.get(self.setting, self.default))


configured_timer = ConfiguredTimer.decorator
