from gongkai.jobs.testing import run_jobs
from gongkai.jobs.tests import tasks


def test_administrators_see_failed_jobs_in_the_admin(admin_client):
    tasks.always_fails.enqueue("R-2016-009")
    run_jobs(skip_delays=True)
    response = admin_client.get(
        "/admin/django_tasks_database/dbtaskresult/", {"status__exact": "FAILED"}
    )
    assert response.status_code == 200
    assert "always_fails" in response.content.decode()


def test_the_schedule_log_is_listed_in_the_admin(admin_client):
    response = admin_client.get("/admin/jobs/schedulerun/")
    assert response.status_code == 200
