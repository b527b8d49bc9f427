"""breachmap's end-to-end test backend: moto's server app plus a few test-only routes.

moto (imported at run time, none of its code is copied here) emulates IAM, STS, S3, S3 Control and
EC2 on one port. What it cannot do over its API is move time: an access key is always created
"now", its last use is stamped on every signed call, and the root user's keys and MFA are fixed at
0. The breach scenarios need old keys, departed users and a careless root, so this launcher runs
moto's WSGI app in-process and adds POST routes under /_test/ that edit the backend objects
directly, per account id:

  /_test/iam/backdate  {"account", "user", "userCreatedDaysAgo"?, "passwordLastUsedDaysAgo"?,
                        "keys": [{"index", "createdDaysAgo"?, "lastUsedDaysAgo"?, "service"?, "region"?}]}
  /_test/iam/root      {"account", "accessKeysPresent", "mfaEnabled", "createdDaysAgo"?,
                        "accessKeyCreatedDaysAgo"?, "accessKeyLastUsedDaysAgo"?}

It also makes DescribeSnapshots honour `OwnerIds` and `RestorableByUserIds` as AWS does (moto
ignores both), so call counts measure breachmap's strategy rather than moto's shortcut, and lets
DescribeImages by id find another account's public (or explicitly shared) AMIs as AWS does (moto
keeps AMIs per account), so an instance can run a community AMI published by a second account.

The server binds 127.0.0.1 on a port the OS picks and prints one line, `MOTO_LAUNCHER_PORT=<port>`,
once it accepts connections. With `--exit-on-stdin-eof` (the harness passes it) it exits when its
standard input closes, so a test runner that dies never leaves it behind. Exit code 3 means moto (or Flask) could not be imported.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable

# Must be set before moto reads its settings: AWS managed policies (AdministratorAccess,
# AmazonS3FullAccess) must exist, and the 1,177 default AMIs and their snapshots must not.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

try:
    from werkzeug.serving import make_server
    from werkzeug.wrappers import Request, Response
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.core.responses import ActionResult
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore
    from moto.ec2.exceptions import InvalidAMIIdError
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.amis import AmiBackend
    from moto.iam.models import AccessKeyLastUsed, IAMBackend, iam_backends
except ImportError as error:  # pragma: no cover - reported to the harness, which skips or fails
    sys.stderr.write(f"moto_launcher: cannot import moto[server] ({error}); install it with: pip install 'moto[server]'\n")
    sys.exit(3)

ROOT_ROW_COLUMNS = 22
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S+00:00"

# account id -> the synthetic `<root_account>` row of that account's credential report
root_rows: dict[str, str] = {}
root_rows_lock = threading.Lock()


def days_ago(days: float) -> datetime:
    # moto keeps naive UTC datetimes (utcnow()); mixing in aware ones would break its formatting.
    return datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=days)


def iam_backend(account: str) -> IAMBackend:
    if not (isinstance(account, str) and len(account) == 12 and account.isdigit()):
        raise ValueError("'account' must be a 12-digit account id")
    return iam_backends[account]["aws"]


def backdate(body: dict[str, Any]) -> dict[str, Any]:
    backend = iam_backend(body.get("account", ""))
    user_name = body.get("user")
    if user_name not in backend.users:
        raise ValueError(f"no user {user_name!r} in account {body.get('account')}")
    user = backend.users[user_name]
    if body.get("userCreatedDaysAgo") is not None:
        user.create_date = days_ago(float(body["userCreatedDaysAgo"]))
    if body.get("passwordLastUsedDaysAgo") is not None:
        user.password_last_used = days_ago(float(body["passwordLastUsedDaysAgo"]))
    for edit in body.get("keys", []):
        index = int(edit.get("index", 0))
        if index >= len(user.access_keys):
            raise ValueError(f"user {user_name!r} has no access key #{index}")
        key = user.access_keys[index]
        if edit.get("createdDaysAgo") is not None:
            key.create_date = days_ago(float(edit["createdDaysAgo"]))
        if edit.get("lastUsedDaysAgo") is not None:
            key.last_used = AccessKeyLastUsed(
                timestamp=days_ago(float(edit["lastUsedDaysAgo"])),
                service=str(edit.get("service", "s3")),
                region=str(edit.get("region", "us-east-1")),
            )
        elif edit.get("neverUsed"):
            key.last_used = None
    return {"user": user_name, "keys": len(user.access_keys)}


def set_root(body: dict[str, Any]) -> dict[str, Any]:
    account = body.get("account", "")
    backend = iam_backend(account)
    keys_present = bool(body.get("accessKeysPresent", False))
    mfa_enabled = bool(body.get("mfaEnabled", False))
    summary = backend.account_summary
    summary._account_access_keys_present = 1 if keys_present else 0
    summary._account_mfa_enabled = 1 if mfa_enabled else 0

    created = days_ago(float(body.get("createdDaysAgo", 2000))).strftime(DATE_FORMAT)
    if keys_present:
        key_created = days_ago(float(body.get("accessKeyCreatedDaysAgo", 1500))).strftime(DATE_FORMAT)
        last_used_days = body.get("accessKeyLastUsedDaysAgo")
        key_used = "N/A" if last_used_days is None else days_ago(float(last_used_days)).strftime(DATE_FORMAT)
        key_region, key_service = ("N/A", "N/A") if last_used_days is None else ("us-east-1", "s3")
        key1 = ["true", key_created, key_used, key_region, key_service]
    else:
        key1 = ["false", "N/A", "N/A", "N/A", "N/A"]
    key2 = ["false", "N/A", "N/A", "N/A", "N/A"]
    # The root row as AWS prints it: no password columns (not_supported), the account's ARN.
    row = [
        "<root_account>",
        f"arn:aws:iam::{account}:root",
        created,
        "not_supported",
        "no_information",
        "not_supported",
        "not_supported",
        "true" if mfa_enabled else "false",
        *key1,
        *key2,
        "false",
        "N/A",
        "false",
        "N/A",
    ]
    assert len(row) == ROOT_ROW_COLUMNS
    with root_rows_lock:
        root_rows[account] = ",".join(row) + "\n"
    return {"account": account, "accessKeysPresent": keys_present, "mfaEnabled": mfa_enabled}


original_get_credential_report = IAMBackend.get_credential_report


def get_credential_report_with_root(self: IAMBackend) -> str:
    report = original_get_credential_report(self)
    with root_rows_lock:
        row = root_rows.get(self.account_id)
    if row is None:
        return report
    # AWS lists the root row first, right after the header.
    header, _, users = report.partition("\n")
    return f"{header}\n{row}{users}"


IAMBackend.get_credential_report = get_credential_report_with_root  # type: ignore[method-assign]

def describe_snapshots_honouring_owner_and_restorable_by(self: ElasticBlockStore) -> ActionResult:
    """DescribeSnapshots as AWS answers it: moto 5.2 ignores `OwnerIds` and `RestorableByUserIds`
    and returns every snapshot of the region. breachmap relies on AWS applying both (one call finds
    the public candidates), so the call-budget scenario would otherwise measure moto, not breachmap.
    """
    filters = self._filters_from_querystring()
    snapshots = self.ec2_backend.describe_snapshots(snapshot_ids=self._get_param("SnapshotIds", []), filters=filters)
    owners = self._get_param("OwnerIds", [])
    if owners:
        wanted = {self.current_account if owner == "self" else owner for owner in owners}
        snapshots = [snapshot for snapshot in snapshots if snapshot.owner_id in wanted]
    restorable_by = self._get_param("RestorableByUserIds", [])
    if restorable_by:
        def restorable(snapshot: Any) -> bool:
            for who in restorable_by:
                if who == "all" and "all" in snapshot.create_volume_permission_groups:
                    return True
                if who != "all" and (who == snapshot.owner_id or who in snapshot.create_volume_permission_userids):
                    return True
            return False

        snapshots = [snapshot for snapshot in snapshots if restorable(snapshot)]
    return ActionResult({"Snapshots": snapshots})


ElasticBlockStore.describe_snapshots = describe_snapshots_honouring_owner_and_restorable_by  # type: ignore[method-assign]

original_describe_images = AmiBackend.describe_images


def describe_images_including_shared(
    self: AmiBackend,
    ami_ids: list[str] | None = None,
    filters: dict[str, Any] | None = None,
    exec_users: list[str] | None = None,
    owners: list[str] | None = None,
) -> list[Any]:
    """DescribeImages with ImageIds as AWS answers it: an AMI of another account is returned when
    it is public or shared with the caller's account. moto 5.2 keeps AMIs per account, so without
    this a community AMI is invisible to the account that runs it. Only the by-id form is extended
    (that is the one breachmap sends); filters are not applied to the foreign images.
    """
    account_id: str = self.account_id  # type: ignore[attr-defined]
    region: str = self.region_name  # type: ignore[attr-defined]
    foreign: list[Any] = []
    for other_account, regional in list(dict.items(ec2_backends)):
        if not ami_ids or other_account == account_id:
            continue
        # dict.get: never create a backend for an account or region that has none.
        backend = dict.get(regional, region)
        for ami_id in ami_ids if backend is not None else []:
            ami = backend.amis.get(ami_id)
            if ami is not None and (ami.is_public or {"UserId": account_id} in ami.launch_permissions):
                foreign.append(ami)
    try:
        own = original_describe_images(self, ami_ids=ami_ids, filters=filters, exec_users=exec_users, owners=owners)
    except InvalidAMIIdError:
        if not foreign:
            raise
        own = []
    return [*own, *foreign]


AmiBackend.describe_images = describe_images_including_shared  # type: ignore[method-assign]

TEST_ROUTES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "/_test/iam/backdate": backdate,
    "/_test/iam/root": set_root,
}


class LauncherApp:
    def __init__(self) -> None:
        self.moto = DomainDispatcherApplication(create_backend_app)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/_test/"):
            return self.moto(environ, start_response)
        request = Request(environ)
        route = TEST_ROUTES.get(path)
        if route is None or request.method != "POST":
            response = Response(json.dumps({"error": f"no test route {request.method} {path}"}), 404, mimetype="application/json")
            return response(environ, start_response)
        try:
            result = route(json.loads(request.get_data(as_text=True) or "{}"))
            response = Response(json.dumps(result), 200, mimetype="application/json")
        except (ValueError, KeyError, TypeError) as error:
            response = Response(json.dumps({"error": str(error)}), 400, mimetype="application/json")
        return response(environ, start_response)


def exit_when_parent_goes() -> None:
    # The harness holds our stdin open; EOF means it finished or died.
    try:
        while sys.stdin.buffer.read(1024):
            pass
    finally:
        os._exit(0)


def main() -> None:
    server = make_server("127.0.0.1", 0, LauncherApp(), threaded=True)
    if "--exit-on-stdin-eof" in sys.argv[1:]:
        threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    sys.stdout.write(f"MOTO_LAUNCHER_PORT={server.server_port}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
