from ninja import NinjaAPI

api = NinjaAPI(
    title="政务公开平台 API",
    version="1",
    description="公开接口：机构目录、工作日计算等。所有时间为北京时间（Asia/Shanghai）。",
    urls_namespace="api",
)
