# stepsim in a container: built on Debian 12, run on debian-slim with Python (boto3) and Node for
# functions that run real code. Untested on the machine this repository is developed on, which has
# no container engine (see README).
#   docker build -t stepsim .
#   docker run --rm -p 4566:4566 stepsim
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN tools/setup.sh && cmake -B build -G Ninja && cmake --build build --target stepsim

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 python3-boto3 nodejs libssl3 libzip4 libpcre2-8-0 libyaml-cpp0.7 libspdlog1.10 libfmt9 \
      ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/stepsim /usr/local/bin/stepsim
COPY scenarios /opt/stepsim/scenarios
EXPOSE 4566
# Inside a container the port must listen beyond loopback for the host to reach it; the host's
# published port is the boundary. --allow-host names what clients call it.
ENTRYPOINT ["stepsim", "serve", "--host", "0.0.0.0", "--port", "4566", "--allow-host", "localhost"]
