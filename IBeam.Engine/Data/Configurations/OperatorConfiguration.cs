using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IBeam.Engine.Data.Configurations;

internal sealed class OperatorAccountConfiguration : IEntityTypeConfiguration<OperatorAccount>
{
    public void Configure(EntityTypeBuilder<OperatorAccount> builder)
    {
        builder.ToTable("OperatorAccount");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
    }
}

internal sealed class OperatorActionConfiguration : IEntityTypeConfiguration<OperatorAction>
{
    public void Configure(EntityTypeBuilder<OperatorAction> builder)
    {
        builder.ToTable("OperatorActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Operator).HasMaxLength(128);
        builder.Property(a => a.Origin).HasMaxLength(32);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(1024);
        builder.Property(a => a.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(a => a.At);
    }
}
