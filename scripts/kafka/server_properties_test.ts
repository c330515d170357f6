import assert from "node:assert/strict";
import { fixedPorts } from "./ports.ts";
import {
  bootstrapServers,
  escapePropertyValue,
  nodeSettings,
  quorumVoters,
  replicationSettings,
  serverProperties,
} from "./server_properties.ts";

function parse(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.indexOf("=");
    assert.ok(!map.has(line.slice(0, at)), `duplicate key in ${line}`);
    map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

Deno.test("single node: combined roles, listeners on 127.0.0.1, replication 1", () => {
  const props = parse(serverProperties({
    nodeId: 1,
    layout: fixedPorts(9092, 1),
    dataDir: "/runs/default/node-1/data",
  }));
  assert.equal(props.get("process.roles"), "broker,controller");
  assert.equal(props.get("node.id"), "1");
  assert.equal(props.get("controller.quorum.voters"), "1@127.0.0.1:9093");
  assert.equal(props.get("listeners"), "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
  assert.equal(props.get("advertised.listeners"), "PLAINTEXT://127.0.0.1:9092");
  assert.equal(props.get("controller.listener.names"), "CONTROLLER");
  assert.equal(
    props.get("listener.security.protocol.map"),
    "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
  );
  assert.equal(props.get("log.dirs"), "/runs/default/node-1/data");
  assert.equal(props.get("offsets.topic.replication.factor"), "1");
  assert.equal(props.get("transaction.state.log.replication.factor"), "1");
  assert.equal(props.get("transaction.state.log.min.isr"), "1");
  assert.equal(props.get("min.insync.replicas"), "1");
  assert.equal(props.get("group.initial.rebalance.delay.ms"), "0");
});

Deno.test("three nodes: 3 voters, replication factor 3 and min ISR 2", () => {
  const layout = fixedPorts(9092, 3);
  const props = parse(serverProperties({ nodeId: 2, layout, dataDir: "/d/node-2/data" }));
  assert.equal(props.get("node.id"), "2");
  assert.equal(
    props.get("controller.quorum.voters"),
    "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
  );
  assert.equal(props.get("listeners"), "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095");
  assert.equal(props.get("offsets.topic.replication.factor"), "3");
  assert.equal(props.get("transaction.state.log.replication.factor"), "3");
  assert.equal(props.get("transaction.state.log.min.isr"), "2");
  assert.equal(props.get("share.coordinator.state.topic.min.isr"), "2");
  assert.equal(props.get("default.replication.factor"), "3");
  assert.equal(props.get("min.insync.replicas"), "2");
});

Deno.test("replicationSettings caps the factor at 3", () => {
  assert.equal(replicationSettings(2)["offsets.topic.replication.factor"], 2);
  assert.equal(replicationSettings(2)["min.insync.replicas"], 1);
  assert.equal(replicationSettings(5)["offsets.topic.replication.factor"], 3);
});

Deno.test("overrides replace and extend the defaults", () => {
  const settings = nodeSettings({
    nodeId: 1,
    layout: fixedPorts(9092, 1),
    dataDir: "/d",
    overrides: { "num.partitions": 6, "log.retention.ms": 1000 },
  });
  assert.equal(settings["num.partitions"], 6);
  assert.equal(settings["log.retention.ms"], 1000);
});

Deno.test("a node id outside the layout is refused", () => {
  assert.throws(
    () => nodeSettings({ nodeId: 2, layout: fixedPorts(9092, 1), dataDir: "/d" }),
    /^Error: Cannot write server\.properties: node id 2 is outside a 1-node layout/,
  );
});

Deno.test("quorumVoters and bootstrapServers list every node", () => {
  const layout = [{ broker: 1000, controller: 2000 }, { broker: 1001, controller: 2001 }];
  assert.equal(quorumVoters(layout), "1@127.0.0.1:2000,2@127.0.0.1:2001");
  assert.equal(bootstrapServers(layout), "127.0.0.1:1000,127.0.0.1:1001");
});

Deno.test("escapePropertyValue makes values safe for java.util.Properties", () => {
  assert.equal(escapePropertyValue("/plain/path"), "/plain/path");
  assert.equal(escapePropertyValue("C:\\kafka"), "C:\\\\kafka");
  assert.equal(escapePropertyValue("/home/zoë"), "/home/zo\\u00eb");
  assert.equal(escapePropertyValue("a\nb"), "a\\nb");
  assert.equal(escapePropertyValue(" lead"), "\\ lead");
  assert.equal(escapePropertyValue("🎉"), "\\ud83c\\udf89");
});
