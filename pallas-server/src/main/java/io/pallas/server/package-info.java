package io.pallas.server;
