import { findById, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { EXPORT_REPORTS_MAX, type MyData } from '../../src/domain/user/export'
import { toMe, type UserDoc } from '../../src/domain/user/user'
import type { ReportDoc } from '../../src/domain/report'
import type { ProfileDoc } from '../../src/domain/survey/schema'
import type { VolunteerDoc } from '../../src/domain/volunteer/volunteer'

type ReportRow = Pick<ReportDoc, '_id' | 'categoryId' | 'description' | 'location' | 'status' | 'createdAt'>

/** 个人信息查阅、复制: the caller's own data, each part read by its OPENID key or index (7 round trips). */
export async function exportMyData(ctx: ActionContext, user: Promise<UserDoc>): Promise<MyData> {
  const { db, openid } = ctx
  const reports = db.collection(COLLECTIONS.reports).where({ reporterId: openid })
  const [me, listed, total, volunteer, profile, follows, cosigns] = await Promise.all([
    user,
    reports
      .orderBy('createdAt', 'desc')
      .limit(EXPORT_REPORTS_MAX)
      .field({ _id: true, categoryId: true, description: true, location: true, status: true, createdAt: true })
      .get(),
    reports.count(),
    findById<VolunteerDoc>(db.collection(COLLECTIONS.volunteers), openid),
    findById<ProfileDoc>(db.collection(COLLECTIONS.surveyProfiles), openid),
    db.collection(COLLECTIONS.exposureFollows).where({ userId: openid }).count(),
    db.collection(COLLECTIONS.reportCosigns).where({ userId: openid }).count(),
  ])
  return {
    exportedAt: ctx.now().toISOString(),
    profile: toMe(me),
    reports: {
      total: total.total,
      items: (listed.data as ReportRow[]).map((r) => ({
        id: r._id,
        categoryId: r.categoryId,
        description: r.description,
        address: r.location.address,
        status: r.status,
        createdAt: r.createdAt,
      })),
    },
    volunteer: volunteer
      ? {
          name: volunteer.name,
          mobile: volunteer.mobile,
          idNumberMasked: volunteer.idNumberMasked,
          status: volunteer.status,
          appliedAt: volunteer.appliedAt,
          totalMinutes: volunteer.totalMinutes,
          points: volunteer.points,
        }
      : null,
    survey: profile ? { districtId: profile.districtId, mobileOnFile: !!profile.personKey } : null,
    follows: follows.total + cosigns.total,
  }
}
