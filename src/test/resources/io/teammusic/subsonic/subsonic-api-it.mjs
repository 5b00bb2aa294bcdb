// Drives Teammusic with the npm package subsonic-api, as a JavaScript player would. Started by
// NodeSubsonicClientTests with the server's URL, an app password and the ids of an album it made; any failed
// check throws, which ends node with a non-zero exit code and the message on stderr.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SubsonicAPI } from "subsonic-api";

const env = process.env;
const url = env.SUBSONIC_URL;
const trackIds = env.TRACK_IDS.split(",");
let checks = 0;
const check = (name, fn) => fn().then(() => { checks++; console.log("ok", name); });

const token = new SubsonicAPI({ url, auth: { username: env.SUBSONIC_USER, password: env.SUBSONIC_PASS } });
const apiKey = new SubsonicAPI({ url, auth: { apiKey: env.SUBSONIC_APIKEY } });
const post = new SubsonicAPI({ url, post: true, auth: { username: env.SUBSONIC_USER, password: env.SUBSONIC_PASS } });
const wrong = new SubsonicAPI({ url, auth: { username: env.SUBSONIC_USER, password: "not-the-password" } });
const ranged = (range) => new SubsonicAPI({
  url, auth: { username: env.SUBSONIC_USER, password: env.SUBSONIC_PASS },
  fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers ?? {}), Range: range } }),
});

await check("ping with token and salt", async () => {
  const r = await token.ping();
  assert.equal(r.status, "ok");
  assert.equal(r.openSubsonic, true);
});
await check("extensions", async () => {
  const r = await token.getOpenSubsonicExtensions();
  assert.ok(r.openSubsonicExtensions.some((e) => e.name === "apiKeyAuthentication"));
});
await check("browse artist to album to song", async () => {
  const artists = await token.getArtists();
  const all = artists.artists.index.flatMap((i) => i.artist);
  const artist = all.find((a) => a.id === env.ARTIST_ID);
  assert.ok(artist, "artist listed");
  assert.equal(typeof artist.albumCount, "number");
  const withAlbums = await token.getArtist({ id: env.ARTIST_ID });
  assert.deepEqual(withAlbums.artist.album.map((a) => a.id), [env.ALBUM_ID]);
  const album = await token.getAlbum({ id: env.ALBUM_ID });
  assert.deepEqual(album.album.song.map((s) => s.id), trackIds);
  assert.ok(album.album.created instanceof Date && !isNaN(album.album.created));
  const song = await token.getSong({ id: trackIds[0] });
  assert.equal(typeof song.song.duration, "number");
  assert.equal(song.song.isDir, false);
});
await check("getUser without a username is the caller", async () => {
  const r = await token.getUser({});
  assert.equal(r.user.username, env.SUBSONIC_USER);
  assert.equal(r.user.streamRole, true);
});
await check("search3 by word and the empty sync query", async () => {
  const r = await token.search3({ query: env.ALBUM_WORD });
  assert.deepEqual(r.searchResult3.album.map((a) => a.id), [env.ALBUM_ID]);
  const everything = await token.search3({ query: '""', artistCount: 0, albumCount: 0, songCount: 500 });
  const ids = everything.searchResult3.song.map((s) => s.id);
  for (const t of trackIds) assert.ok(ids.includes(t), "empty query lists " + t);
});
let full;
await check("stream the original bytes", async () => {
  const res = await token.stream({ id: trackIds[0] });
  assert.equal(res.status, 200);
  full = Buffer.from(await res.arrayBuffer());
  assert.equal(full.length, Number(env.TRACK0_SIZE));
  assert.equal(createHash("sha256").update(full).digest("hex"), env.TRACK0_SHA256);
});
await check("seek with a range, byte-exact", async () => {
  const res = await ranged("bytes=500-599").stream({ id: trackIds[0] });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get("content-range"), `bytes 500-599/${full.length}`);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), full.subarray(500, 600));
});
await check("star and list the stars", async () => {
  assert.equal((await token.star({ id: trackIds[0] })).status, "ok");
  const r = await token.getStarred2({});
  const song = r.starred2.song.find((s) => s.id === trackIds[0]);
  assert.ok(song, "starred song listed");
  assert.ok(song.starred instanceof Date && !isNaN(song.starred));
});
await check("create, fill and edit a playlist", async () => {
  const created = await token.createPlaylist({ name: "Node mix", songId: [trackIds[0], trackIds[1]] });
  const id = created.playlist.id;
  assert.equal(typeof id, "string");
  assert.equal(created.playlist.songCount, 2);
  await token.updatePlaylist({ playlistId: id, songIdToAdd: [trackIds[2]], songIndexToRemove: [0] });
  const p = await token.getPlaylist({ id });
  assert.deepEqual(p.playlist.entry.map((e) => e.id), [trackIds[1], trackIds[2]]);
  const lists = await token.getPlaylists({});
  assert.ok(Array.isArray(lists.playlists.playlist));
  assert.equal((await token.deletePlaylist({ id })).status, "ok");
});
await check("scrobble counts a play", async () => {
  await token.scrobble({ id: trackIds[1] });
  const s = await token.getSong({ id: trackIds[1] });
  assert.equal(s.song.playCount, 1);
});
await check("apiKey authentication", async () => {
  assert.equal((await apiKey.ping()).status, "ok");
  const info = await apiKey.customJSON("tokenInfo.view", {});
  assert.equal(info.tokenInfo.username, env.SUBSONIC_USER);
});
await check("form POST", async () => {
  const r = await post.getAlbum({ id: env.ALBUM_ID });
  assert.equal(r.album.id, env.ALBUM_ID);
});
await check("wrong password is error 40", async () => {
  const r = await wrong.ping();
  assert.equal(r.status, "failed");
  assert.equal(r.error.code, 40);
});
console.log(`${checks} passed, 0 failed`);
