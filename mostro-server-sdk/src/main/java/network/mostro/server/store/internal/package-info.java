package network.mostro.server.store.internal;
