"""Scale-out: the coding pipeline on a Dask cluster (a LocalCluster, or a scheduler's address).

    from bilateral.cluster import code_on_dask, connect
    from bilateral.store import Store

    with connect(local_workers=2) as client, Store("bilateral.duckdb") as store:
        result = code_on_dask(["articles.jsonl"], store, client, Path("bilateral.parquet"))

docs/cluster.md says how to point it at a SLURM, PBS or Kubernetes cluster.
"""

from __future__ import annotations

from bilateral.cluster.run import (
           ClusterProgress,
           ClusterResult,
           code_on_dask,
           connect,
           dashboard_link,
           dask_available,
)
from bilateral.cluster.worker import PartitionTask, code_partition

__all__ = ["ClusterProgress", "ClusterResult", "PartitionTask", "code_on_dask", "code_partition", "connect",
           "dashboard_link", "dask_available"]
