import type { PushTransport } from "../types";
import { type ApnsEnv, apnsConfigured, apnsTransport } from "./apns";
import { fcmTransport } from "./fcm";
import { recordingPushTransport } from "./record";

type PushEnv = ApnsEnv & Pick<Env, "FCM_API_URL" | "FCM_TOKEN_URL" | "FCM_SERVICE_ACCOUNT">;

/**
 * Android through FCM and iOS through APNs, each only when its credentials are set; a
 * platform without them is recorded, so one configured provider does not wait for the other.
 */
export const pushTransport = (env: PushEnv): PushTransport => {
  const android = env.FCM_SERVICE_ACCOUNT ? fcmTransport(env) : recordingPushTransport;
  const ios = apnsConfigured(env) ? apnsTransport(env) : recordingPushTransport;
  return {
    name: android === ios ? android.name : `${android.name}+${ios.name}`,
    send: (device, message) => (device.platform === "ios" ? ios : android).send(device, message),
  };
};
