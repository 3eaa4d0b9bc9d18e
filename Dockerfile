# soar-playbooks container. Not built in CI (no Docker engine there); `java -jar` is what CI proves.
# Build:  docker build -t soar-playbooks .
# Run:    docker run -e CONTRAFORCE_CLIENT_ID -e CONTRAFORCE_CLIENT_SECRET \
#           -v "$PWD/routes:/app/routes" -v "$PWD/config:/app/config" -v soar-data:/app/data soar-playbooks

# --- build stage -------------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY config config
RUN mvn -B -q package -DskipTests

# --- runtime stage -----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 soar && useradd --system --uid 10001 --gid soar --home-dir /app soar
WORKDIR /app
COPY --from=build /src/target/soar-playbooks.jar /app/soar-playbooks.jar
COPY --chown=soar:soar routes /app/routes
COPY --chown=soar:soar config /app/config
RUN mkdir -p /app/data && chown soar:soar /app/data
USER soar
# Playbooks, configuration and the data folder (inbox, dead letters, audit, state) live outside the image.
VOLUME ["/app/routes", "/app/config", "/app/data"]
# Webhooks (PLAYBOOKS_HTTP_PORT, default 8080); management/health stays on loopback inside the container.
EXPOSE 8080
# Health: the engine's own /observe/health on the loopback management port, read with bash alone.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9876 && printf 'GET /observe/health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/soar-playbooks.jar"]
CMD ["run", "--config", "/app/config", "--routes", "/app/routes", "--data", "/app/data"]
