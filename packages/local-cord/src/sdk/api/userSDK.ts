import type {
  ClientUserData,
  ConnectToSlackOptions,
  DisconnectSlackWorkspaceOptions,
  GroupMembersDataCallback,
  ICordUserSDK,
  ListenerRef,
  MultipleUserUpdateCallback,
  NotificationPreferences,
  ObserveGroupMembersOptions,
  ObserveOrgMembersOptions,
  OrgMembersDataCallback,
  SearchUsersOptions,
  SearchUsersResult,
  SingleUserUpdateCallback,
  ViewerUserUpdateCallback,
} from '@cord-sdk/types';
import type { LiveData } from '../data/liveData.ts';
import { groupMembersQuery, userQuery } from '../data/sharedQueries.ts';
import { toClientUser, toViewer } from './convert.ts';
import { chooseGroup } from './groupCheck.ts';
import { Listeners } from './listeners.ts';
import { isFlatLocation } from './threadOptions.ts';

/** Cord's `CordSDK.user`: the viewer, other users, group members, search. */
export class UserSDK implements ICordUserSDK {
  private readonly listeners = new Listeners();

  /** `tokenGroup`: the group the token names, known as soon as init is called. */
  constructor(
    private readonly live: LiveData,
    private readonly tokenGroup: () => string | undefined,
  ) {}

  observeViewerData(callback: ViewerUserUpdateCallback): ListenerRef {
    const deliver = () => {
      if (this.live.viewer) callback(toViewer(this.live.viewer));
    };
    const stop = this.live.onViewer(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveViewerData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeUserData(userID: string, callback: SingleUserUpdateCallback): ListenerRef;
  observeUserData(userIDs: string[], callback: MultipleUserUpdateCallback): ListenerRef;
  observeUserData(
    ids: string | string[],
    callback: SingleUserUpdateCallback | MultipleUserUpdateCallback,
  ): ListenerRef {
    const list = typeof ids === 'string' ? [ids] : ids;
    if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) {
      throw new Error('Argument must be a string or array of strings');
    }
    const queries = [...new Set(list)].map((id) => userQuery(this.live, id));
    const deliver = () => {
      if (typeof ids === 'string') {
        const user = queries[0]!.value;
        if (user !== undefined) (callback as SingleUserUpdateCallback)(user && toClientUser(user));
        return;
      }
      // Only the users already resolved, as Cord does; never an empty record.
      const resolved = Object.fromEntries(
        queries.flatMap((query, index): Array<[string, ClientUserData | null]> => {
          const user = query.value;
          return user === undefined ? [] : [[list[index]!, user && toClientUser(user)]];
        }),
      );
      if (Object.keys(resolved).length > 0) (callback as MultipleUserUpdateCallback)(resolved);
    };
    const stops = queries.map((query) => query.subscribe(deliver));
    deliver();
    return this.listeners.add(() => {
      for (const stop of stops) stop();
    });
  }

  unobserveUserData(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeGroupMembers(callback: GroupMembersDataCallback, options: ObserveGroupMembersOptions = {}): ListenerRef {
    let groupId: string;
    try {
      groupId = chooseGroup('observeGroupMembers', this.tokenGroup(), options.groupID);
    } catch (error) {
      // Cord reports this in its console and never calls back.
      console.error((error as Error).message);
      return this.listeners.add(() => {});
    }
    const query = groupMembersQuery(this.live, groupId);
    const fetchMore = (count: number) => query.fetchMore(count);
    const deliver = () => {
      const { members, loading, hasMore } = query.value;
      callback({ groupMembers: members.map(toClientUser), loading, hasMore, fetchMore });
    };
    const stop = query.subscribe(deliver);
    deliver();
    return this.listeners.add(stop);
  }

  unobserveGroupMembers(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  observeOrgMembers(callback: OrgMembersDataCallback, options: ObserveOrgMembersOptions = {}): ListenerRef {
    return this.observeGroupMembers(
      ({ groupMembers, loading, hasMore, fetchMore }) =>
        callback({ orgMembers: groupMembers, loading, hasMore, fetchMore }),
      { groupID: options.organizationID },
    );
  }

  unobserveOrgMembers(ref: ListenerRef): boolean {
    return this.listeners.remove(ref);
  }

  async searchUsers(options: SearchUsersOptions = {}): Promise<SearchUsersResult> {
    const groupId = chooseGroup('searchUsers', this.tokenGroup(), options.groupID);
    // Cord's type names the DOM's Location here by mistake; what apps pass is a Cord location.
    const sortLocation: unknown = options.sortBy?.type === 'location' ? options.sortBy.location : undefined;
    const location = isFlatLocation(sortLocation) ? sortLocation : undefined;
    try {
      const { users } = await this.live.request({
        type: 'users.search',
        groupId,
        searchQuery: options.searchQuery,
        sortLocation: location,
        sortDirection: options.sortDirection,
      });
      return { users: users.map(toClientUser) };
    } catch {
      throw new Error('SearchUsers: Could not get retrieve users');
    }
  }

  /** Kept by local Cord (its Outbox honours sendViaEmail); the viewer's data shows them. */
  async setNotificationPreferences(preferences: Partial<NotificationPreferences>): Promise<true> {
    const { sendViaSlack, sendViaEmail } = preferences;
    await this.live.request({ type: 'viewer.setNotificationPreferences', sendViaSlack, sendViaEmail });
    return true;
  }

  // Local Cord has no Slack (its inspector shows what Cord would have sent instead), so
  // there is nothing to connect.
  async connectToSlack(options?: ConnectToSlackOptions | ((success: boolean) => void)): Promise<void> {
    const groupID = typeof options === 'object' ? options.groupID : undefined;
    chooseGroup('connectToSlack', this.tokenGroup(), groupID);
  }

  async disconnectSlackWorkspace(options: DisconnectSlackWorkspaceOptions = {}): Promise<boolean> {
    chooseGroup('disconnectSlackWorkspace', this.tokenGroup(), options.groupID);
    return true;
  }
}
