/**
 * The bridge: one named function per contract operation under window.vendorRisk, plus
 * three listeners. No raw ipcRenderer, no generic send, listeners never see the event.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  channelFor,
  MENU_CHANNEL,
  MENU_COMMANDS,
  OPERATION_NAMES,
  PROGRESS_CHANNEL,
  TEAM_CHANGE_CHANNEL,
  TEAM_WAITING_CHANNEL,
  TEAM_STOP_WAITING_CHANNEL,
  type MenuCommand,
  type ProgressEvent,
  type TeamChange,
  type TeamWaiting,
  type VendorRiskApi,
} from './ipc/contract';

const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [
    name,
    // Answers come as JSON text (the main process forwards the data host's answer without parsing it).
    async (request: unknown) =>
      JSON.parse((await ipcRenderer.invoke(channelFor(name), request)) as string) as unknown,
  ]),
);

const api = {
  ...operations,
  onProgress(listener: (event: ProgressEvent) => void) {
    const handler = (_event: unknown, payload: ProgressEvent) => listener(payload);
    ipcRenderer.on(PROGRESS_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(PROGRESS_CHANNEL, handler);
  },
  onTeamChange(listener: (change: TeamChange) => void) {
    const handler = (_event: unknown, change: TeamChange) => listener(change);
    ipcRenderer.on(TEAM_CHANGE_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(TEAM_CHANGE_CHANNEL, handler);
  },
  onTeamWaiting(listener: (waiting: TeamWaiting) => void) {
    const handler = (_event: unknown, waiting: TeamWaiting) => listener(waiting);
    ipcRenderer.on(TEAM_WAITING_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(TEAM_WAITING_CHANNEL, handler);
  },
  stopTeamWaiting() {
    ipcRenderer.send(TEAM_STOP_WAITING_CHANNEL);
  },
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const handler = (_event: unknown, command: MenuCommand) => {
      if ((MENU_COMMANDS as readonly string[]).includes(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
} as VendorRiskApi;

contextBridge.exposeInMainWorld('vendorRisk', api);
