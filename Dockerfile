# The scheduled service: `rcwarehouse run` (Quartz intraday, nightly and reference jobs).
#   docker build -t rcwarehouse .
#   docker run --env-file rcwarehouse.env -v rcw-landing:/data/landing rcwarehouse            # run
#   docker run --env-file rcwarehouse.env rcwarehouse status                                  # any other command
# docker-compose.yml wires it to SQL Server with a one-shot migration first. See docs/operations.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Build inputs only (.dockerignore keeps bin/, obj/, data/ and landing/ out).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BannedSymbols.txt RcWarehouse.sln ./
COPY sql/ sql/
COPY schedules/ schedules/
COPY src/ src/
RUN dotnet restore src/RcWarehouse.Cli/RcWarehouse.Cli.csproj
RUN dotnet publish src/RcWarehouse.Cli/RcWarehouse.Cli.csproj -c Release --no-restore -o /app

# The ASP.NET Core runtime, not the plain one: the executable carries the simulator (Kestrel) for `demo` and `simulate`.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data/landing && chown -R "$APP_UID" /data
# run serves /healthz and /metrics on the loopback address (Operations:Health:Url); the HEALTHCHECK below asks it.
# Set RCW_Operations__Health__Url=http://0.0.0.0:9464 (and publish the port) for a Prometheus outside the container.
ENV RCW_RingCx__LandingPath=/data/landing \
    RCW_Warehouse__ConnectionString="Data Source=/data/warehouse.db" \
    RCW_Operations__Health__Url=http://127.0.0.1:9464 \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
USER $APP_UID
# Exec form: the process gets SIGTERM itself, so `docker stop` cancels the job in flight (its batch rolls back) and
# waits for it (Operations:ShutdownTimeout; give docker stop a longer grace period than that).
ENTRYPOINT ["dotnet", "/app/rcwarehouse.dll"]
CMD ["run"]
# The runtime image has neither curl nor wget: the executable asks its own endpoint (exit 0 on 200, 1 otherwise:
# scheduler not started, a job running longer than Operations:Health:StuckJobAfter, or nothing listening). Meant for
# run; a one-shot command (migrate, status) in this image simply ends before the first check counts.
HEALTHCHECK --interval=60s --timeout=15s --start-period=60s --retries=3 CMD ["dotnet", "/app/rcwarehouse.dll", "health"]
