"""Running the dashboards for a whole Trust on JupyterHub.

``groups`` (pure group names and the Trust's mapping file), ``identity`` (who
is using this kernel, asked of the Hub), ``config`` (the Hub's configuration,
one function per choice), ``lockdown`` (the single-user server extension that
leaves only the dashboards) and ``launcher`` (``connecting-people hub``).
Importing this package imports none of JupyterHub, so pure code may use it.
"""
