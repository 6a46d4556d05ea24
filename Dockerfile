# One image for every service: the launcher's shaded jar holds all of them, and each container
# picks its service by main class (see docker-compose.yml). Built from the repository, no registry
# other than Maven Central needed at build time.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -pl launcher -am package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/launcher/target/launcher.jar /app/ptsl.jar
RUN mkdir -p /app/data && chown 10001 /app/data
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/ptsl.jar"]
CMD ["com.ptsl.launcher.Main", "--help"]
