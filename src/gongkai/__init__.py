"""gongkai (政务公开平台): an open-government platform for Chinese city and county governments."""

__version__ = "0.1.0"
